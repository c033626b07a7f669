package dev.tide.scaler.cron;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A schedule as KEDA reads it: robfig/cron v3.0.1's parser with the options KEDA's cron scaler gives it (minute, hour,
 * day of month, month, day of week; no seconds field, no {@code @hourly}-style descriptors), ported line for line so
 * that Tide accepts and refuses exactly the schedules KEDA does, with robfig's messages. That syntax is looser than a
 * crontab's in places ({@code ?} for {@code *} anywhere, {@code *-5} as {@code *}, empty list items, {@code 5/15} as
 * {@code 5-59/15}) and stricter in one (Sunday is {@code 0} only, never {@code 7}).
 *
 * @param location the zone of a {@code TZ=} or {@code CRON_TZ=} prefix; empty without one (or for {@code TZ=Local}): the
 *     trigger's {@code timezone} applies
 */
record CronSpec(FieldSet minute, FieldSet hour, FieldSet dayOfMonth, FieldSet month, FieldSet dayOfWeek,
        Optional<ZoneId> location) {

    /**
     * The values one field names, as robfig's bit set.
     *
     * @param bits bit {@code v} is set when the field matches value {@code v}
     * @param star the field was written as {@code *} or {@code ?} (robfig's {@code starBit}); for the day fields it
     *     decides whether both must match or either may
     */
    record FieldSet(long bits, boolean star) {

        boolean contains(int value) {
            return (bits & (1L << value)) != 0;
        }
    }

    /** robfig's {@code bounds}: the range of one field and the names it accepts. */
    enum Field {
        MINUTE(0, 59, Map.of()),
        HOUR(0, 23, Map.of()),
        DAY_OF_MONTH(1, 31, Map.of()),
        MONTH(1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
                Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9),
                Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12))),
        DAY_OF_WEEK(0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6));

        final int min;
        final int max;
        private final Map<String, Integer> names;

        Field(int min, int max, Map<String, Integer> names) {
            this.min = min;
            this.max = max;
            this.names = names;
        }
    }

    /** Go's {@code strings.Fields} and {@code strings.TrimSpace} split and trim on Unicode white space. */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}+");
    private static final Pattern OUTER_WHITE_SPACE = Pattern.compile("^\\p{IsWhite_Space}+|\\p{IsWhite_Space}+$");
    private static final Pattern ATOI = Pattern.compile("[+-]?[0-9]+");

    /**
     * robfig's {@code Parser.Parse}.
     *
     * @throws IllegalArgumentException with robfig's message, e.g. {@code end of range (7) above maximum (6): 7}
     */
    static CronSpec parse(String spec) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("empty spec string");
        }
        Optional<ZoneId> location = Optional.empty();
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int space = spec.indexOf(' ');
            if (space < 0) {
                // robfig slices up to index -1 here and panics.
                throw new IllegalArgumentException("no schedule after the time zone prefix: " + spec);
            }
            String name = spec.substring(spec.indexOf('=') + 1, space);
            try {
                location = name.equals(GoLocations.LOCAL) ? Optional.empty() : Optional.of(GoLocations.load(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("provided bad location " + name + ": " + e.getMessage());
            }
            spec = trimWhiteSpace(spec.substring(space));
        }
        if (spec.startsWith("@")) {
            throw new IllegalArgumentException("parser does not accept descriptors: " + spec);
        }
        List<String> fields = spec.isEmpty() ? List.of() : Arrays.asList(WHITE_SPACE.split(trimWhiteSpace(spec)));
        if (fields.size() != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.size() + ": ["
                    + String.join(" ", fields) + "]");
        }
        return new CronSpec(field(fields.get(0), Field.MINUTE), field(fields.get(1), Field.HOUR),
                field(fields.get(2), Field.DAY_OF_MONTH), field(fields.get(3), Field.MONTH),
                field(fields.get(4), Field.DAY_OF_WEEK), location);
    }

    /** robfig's {@code getField}: a comma-separated list of ranges; empty items are skipped, as Go's FieldsFunc does. */
    private static FieldSet field(String text, Field field) {
        long bits = 0;
        boolean star = false;
        for (String range : text.split(",")) {
            if (range.isEmpty()) {
                continue;
            }
            FieldSet one = range(range, field);
            bits |= one.bits();
            star |= one.star();
        }
        return new FieldSet(bits, star);
    }

    /** robfig's {@code getRange}: {@code number | number "-" number [ "/" number ]}, or {@code *} / {@code ?}. */
    private static FieldSet range(String expr, Field field) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean singleDigit = lowAndHigh.length == 1;
        long start;
        long end;
        boolean star = false;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = field.min;
            end = field.max;
            star = true;
        } else {
            start = intOrName(lowAndHigh[0], field);
            end = switch (lowAndHigh.length) {
                case 1 -> start;
                case 2 -> intOrName(lowAndHigh[1], field);
                default -> throw new IllegalArgumentException("too many hyphens: " + expr);
            };
        }
        long step;
        switch (rangeAndStep.length) {
            case 1 -> step = 1;
            case 2 -> {
                step = positiveInt(rangeAndStep[1]);
                // "N/step" means "N-max/step".
                if (singleDigit) {
                    end = field.max;
                }
                if (step > 1) {
                    star = false;
                }
            }
            default -> throw new IllegalArgumentException("too many slashes: " + expr);
        }
        if (start < field.min) {
            throw new IllegalArgumentException("beginning of range (" + start + ") below minimum (" + field.min + "): " + expr);
        }
        if (end > field.max) {
            throw new IllegalArgumentException("end of range (" + end + ") above maximum (" + field.max + "): " + expr);
        }
        if (start > end) {
            throw new IllegalArgumentException("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            throw new IllegalArgumentException("step of range should be a positive number: " + expr);
        }
        long bits = 0;
        for (long value = start; value <= end; value += step) {
            bits |= 1L << value;
        }
        return new FieldSet(bits, star);
    }

    private static long intOrName(String expr, Field field) {
        Integer named = field.names.get(expr.toLowerCase(Locale.ROOT));
        return named != null ? named : positiveInt(expr);
    }

    /** robfig's {@code mustParseInt} over Go's {@code strconv.Atoi}: an optional sign, decimal digits, int64. */
    private static long positiveInt(String expr) {
        long number;
        if (!ATOI.matcher(expr).matches()) {
            throw new IllegalArgumentException(atoiError(expr, "invalid syntax"));
        }
        try {
            number = Long.parseLong(expr);
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException(atoiError(expr, "value out of range"));
        }
        if (number < 0) {
            throw new IllegalArgumentException("negative number (" + number + ") not allowed: " + expr);
        }
        return number;
    }

    private static String atoiError(String expr, String reason) {
        return "failed to parse int from " + expr + ": strconv.Atoi: parsing \"" + expr + "\": " + reason;
    }

    private static String trimWhiteSpace(String text) {
        return OUTER_WHITE_SPACE.matcher(text).replaceAll("");
    }
}
