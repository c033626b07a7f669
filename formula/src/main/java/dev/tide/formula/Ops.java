package dev.tide.formula;

import java.util.List;

/**
 * expr-lang's run-time operators ({@code vm/runtime}) over the Java stand-ins for Go values: {@link Double} for
 * float64, {@link Long} for int, {@link Boolean}, {@code null} for nil, {@link List} for {@code []interface {}}.
 * int with int stays int and wraps on overflow as Go's does; a float on either side makes float64; anything else
 * fails with Go's panic text ({@code invalid operation: <nil> + float64}).
 */
final class Ops {

    private Ops() {
    }

    static Object add(Object a, Object b, int position) {
        if (a instanceof Long x && b instanceof Long y) {
            return x + y;
        }
        if (isNumber(a) && isNumber(b)) {
            return toDouble(a) + toDouble(b);
        }
        throw invalid(a, "+", b, position);
    }

    static Object subtract(Object a, Object b, int position) {
        if (a instanceof Long x && b instanceof Long y) {
            return x - y;
        }
        if (isNumber(a) && isNumber(b)) {
            return toDouble(a) - toDouble(b);
        }
        throw invalid(a, "-", b, position);
    }

    static Object multiply(Object a, Object b, int position) {
        if (a instanceof Long x && b instanceof Long y) {
            return x * y;
        }
        if (isNumber(a) && isNumber(b)) {
            return toDouble(a) * toDouble(b);
        }
        throw invalid(a, "*", b, position);
    }

    /** Always float64, as in expr-lang ({@code 1 / 2} is 0.5); by zero gives ±Inf or NaN, as Go's float64 does. */
    static Object divide(Object a, Object b, int position) {
        if (isNumber(a) && isNumber(b)) {
            return toDouble(a) / toDouble(b);
        }
        throw invalid(a, "/", b, position);
    }

    /** ints only; Go's truncated remainder, which Java's {@code %} on long matches, and Go's panic on zero. */
    static Object modulo(Object a, Object b, int position) {
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) {
                throw new EvalError(position, "runtime error: integer divide by zero");
            }
            return x % y;
        }
        throw invalid(a, "%", b, position);
    }

    /** {@code **} and {@code ^}: Go's {@code math.Pow} over both sides converted to float64. */
    static Object power(Object a, Object b, int position) {
        return pow(toFloat64(a, position), toFloat64(b, position));
    }

    /**
     * Go's {@code math.Pow} ({@code math/pow.go}), step for step: special cases first, then the integer part of the
     * exponent by repeated squaring of the mantissa (so {@code a ** 3} rounds exactly as in Go), and the
     * fraction as {@code exp(f * log(x))}. Go's {@code Exp} and {@code Log} are assembly on amd64, and their
     * results depend on whether the CPU has FMA, so a fractional power may still differ from KEDA's in the last
     * bit, as it may between two KEDA nodes.
     */
    static double pow(double x, double y) {
        if (y == 0 || x == 1) {
            return 1;
        }
        if (y == 1) {
            return x;
        }
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.NaN;
        }
        if (x == 0) {
            if (y < 0) {
                return isOddInt(y) ? Math.copySign(Double.POSITIVE_INFINITY, x) : Double.POSITIVE_INFINITY;
            }
            return isOddInt(y) ? x : 0;
        }
        if (Double.isInfinite(y)) {
            return x == -1 ? 1 : (Math.abs(x) < 1) == (y > 0) ? 0 : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(x)) {
            if (x < 0) {
                return pow(1 / x, -y); // Pow(-0, -y)
            }
            return y < 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        if (y == 0.5) {
            return Math.sqrt(x);
        }
        if (y == -0.5) {
            return 1 / Math.sqrt(x);
        }
        double yi = Math.floor(Math.abs(y));
        double yf = Math.abs(y) - yi;
        if (yf != 0 && x < 0) {
            return Double.NaN;
        }
        if (yi >= 0x1p63) {
            return x == -1 ? 1 : (Math.abs(x) < 1) == (y > 0) ? 0 : Double.POSITIVE_INFINITY;
        }
        double a1 = 1.0;
        long ae = 0;
        if (yf != 0) {
            if (yf > 0.5) {
                yf--;
                yi++;
            }
            a1 = Math.exp(yf * Math.log(x));
        }
        // frexp: x = x1 * 2^xe with x1 in [0.5, 1).
        boolean subnormal = Math.getExponent(x) < Double.MIN_EXPONENT;
        double normal = subnormal ? x * 0x1p52 : x;
        int xe = Math.getExponent(normal) + 1;
        double x1 = Math.scalb(normal, -xe);
        xe -= subnormal ? 52 : 0;
        for (long i = (long) yi; i != 0; i >>= 1) {
            if (xe < -(1 << 12) || (1 << 12) < xe) {
                ae += xe; // the result under- or overflows anyway
                break;
            }
            if ((i & 1) == 1) {
                a1 *= x1;
                ae += xe;
            }
            x1 *= x1;
            xe <<= 1;
            if (x1 < .5) {
                x1 += x1;
                xe--;
            }
        }
        if (y < 0) {
            a1 = 1 / a1;
            ae = -ae;
        }
        return Math.scalb(a1, (int) Math.max(Math.min(ae, 1 << 20), -(1 << 20)));
    }

    /** Go's {@code isOddInt}. */
    private static boolean isOddInt(double value) {
        if (Math.abs(value) >= 0x1p53) {
            return false;
        }
        double whole = value < 0 ? Math.ceil(value) : Math.floor(value);
        return value == whole && (((long) whole) & 1) == 1;
    }

    static Object negate(Object value, int position) {
        if (value instanceof Double d) {
            return -d;
        }
        if (value instanceof Long l) {
            return -l;
        }
        throw new EvalError(position, "invalid operation: - " + GoText.typeName(value));
    }

    /** {@code <}, {@code >}, {@code <=}, {@code >=}: numbers only; int against float64 compares as float64. */
    static boolean compare(String operator, Object a, Object b, int position) {
        int order;
        if (a instanceof Long x && b instanceof Long y) {
            order = Long.compare(x, y);
        } else if (isNumber(a) && isNumber(b)) {
            double x = toDouble(a);
            double y = toDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return false;
            }
            order = x < y ? -1 : (x > y ? 1 : 0);
        } else {
            throw invalid(a, operator, b, position);
        }
        return switch (operator) {
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            default -> order >= 0;
        };
    }

    /**
     * expr-lang's {@code runtime.Equal}: numbers by value across int and float64 (so NaN is unequal to itself),
     * bools by value, nil equal to nil, lists element by element, and otherwise unequal.
     */
    static boolean equal(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Long x && b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            return toDouble(a) == toDouble(b);
        }
        return deepEqual(a, b);
    }

    /** Lists compare element by element with {@link #equal} ([1] == [1.0]); other mixed types are unequal. */
    private static boolean deepEqual(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    /** A Go type assertion to bool ({@code v.(bool)}), which every condition and logical operator performs. */
    static boolean asBool(Object value, int position) {
        if (value instanceof Boolean b) {
            return b;
        }
        String type = value == null ? "nil" : GoText.typeName(value);
        throw new EvalError(position, "interface conversion: interface {} is " + type + ", not bool");
    }

    /** expr-lang's {@code runtime.ToFloat64}, used by {@code **}. */
    static double toFloat64(Object value, int position) {
        if (isNumber(value)) {
            return toDouble(value);
        }
        throw new EvalError(position, "invalid operation: float(" + GoText.typeName(value) + ")");
    }

    /**
     * Go's {@code int(f)} for a float64 as amd64 computes it (CVTTSD2SQ): truncation toward zero, and
     * {@code math.MinInt64} for NaN, ±Inf and anything outside int64. arm64 would saturate instead; KEDA's
     * release images are built for both, and amd64 is the common one.
     */
    static long goInt(double value) {
        if (Double.isNaN(value) || value >= 0x1p63 || value < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) value;
    }

    /** Go's {@code math.Round}: half away from zero, sign kept ({@code round(-0.4)} is -0). */
    static double goRound(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double magnitude = Math.abs(value);
        double truncated = Math.floor(magnitude);
        if (magnitude - truncated >= 0.5) {
            truncated += 1;
        }
        return Math.copySign(truncated, value);
    }

    static boolean isNumber(Object value) {
        return value instanceof Double || value instanceof Long;
    }

    static double toDouble(Object number) {
        return number instanceof Long l ? (double) l : (Double) number;
    }

    private static EvalError invalid(Object a, String operator, Object b, int position) {
        return new EvalError(position, "invalid operation: " + GoText.typeName(a) + " " + operator + " "
                + GoText.typeName(b));
    }
}
