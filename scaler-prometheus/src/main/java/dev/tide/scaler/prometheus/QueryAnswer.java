package dev.tide.scaler.prometheus;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * What one answer of Prometheus' query API means, by the rules of KEDA's {@code ExecutePromQuery}: the value, or why
 * there is none, in KEDA's words. A pure function of the status, the body and two parameters.
 */
sealed interface QueryAnswer {

    /** The number the trigger reports (0 for an empty result, NaN or an infinity with {@code ignoreNullValues}). */
    record Value(double value) implements QueryAnswer {
    }

    /** The query cannot be read; the message is KEDA's where KEDA has one. */
    record Failure(String message) implements QueryAnswer {
    }

    /** Go's {@code strconv.ParseFloat} syntax for decimals (Prometheus writes no other). */
    Pattern GO_DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    ObjectMapper JSON = new ObjectMapper();

    static QueryAnswer read(int status, byte[] body, String query, boolean ignoreNullValues) {
        if (status < 200 || status > 299) {
            return new Failure("prometheus query api returned error. status: " + status + prometheusError(body));
        }
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (JacksonException e) {
            return new Failure("prometheus query api returned a body that is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Failure("prometheus query api returned a body that cannot be read: " + e.getMessage());
        }
        JsonNode result = document == null ? null : document.path("data").path("result");
        int elements = result == null || result.isMissingNode() || result.isNull() ? 0 : result.size();
        if (result != null && !result.isMissingNode() && !result.isNull() && !result.isArray()) {
            return new Failure("prometheus query " + query + " returned a " + document.path("data").path("resultType").asText("")
                    + " result, not a vector");
        }
        String empty = "prometheus metrics 'prometheus' target may be lost, ";
        if (elements == 0) {
            return ignoreNullValues ? new Value(0) : new Failure(empty + "the result is empty");
        }
        if (elements > 1) {
            return new Failure("prometheus query " + query + " returned multiple elements");
        }
        JsonNode pair = result.get(0).path("value");
        int values = pair.isArray() ? pair.size() : 0;
        if (values == 0) {
            return ignoreNullValues ? new Value(0) : new Failure(empty + "the value list is empty");
        }
        if (values < 2) {
            return new Failure("prometheus query " + query + " didn't return enough values");
        }
        JsonNode sample = pair.get(1);
        if (!sample.isTextual()) {
            return new Failure("prometheus query " + query + " returned a value that is not a string: " + sample);
        }
        double value;
        try {
            value = goFloat(sample.textValue());
        } catch (NumberFormatException e) {
            return new Failure("strconv.ParseFloat: parsing \"" + sample.textValue() + "\": " + e.getMessage());
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return ignoreNullValues ? new Value(0)
                    : new Failure("prometheus query returns " + (Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf"));
        }
        return new Value(value);
    }

    /** Go's {@code ParseFloat} for what Prometheus writes: decimals, {@code NaN} and {@code ±Inf} in any case. */
    private static double goFloat(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!GO_DECIMAL.matcher(text).matches()) {
            throw new NumberFormatException("invalid syntax");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new NumberFormatException("value out of range");
        }
        return value;
    }

    /** Prometheus' own reason for a failed query ({@code errorType} and {@code error}), when the body has one. */
    private static String prometheusError(byte[] body) {
        try {
            JsonNode document = JSON.readTree(body);
            if (document != null && document.path("error").isTextual()) {
                return " (" + document.path("errorType").asText("error") + ": " + document.path("error").asText() + ")";
            }
        } catch (IOException notJson) {
            // Not Prometheus' error document: KEDA's message alone.
        }
        return "";
    }
}
