package dev.tide.scaler.metricsapi;

import dev.tide.scaler.api.MilliValue;

/**
 * Where the number sits in a response ({@code valueLocation}), parsed once per trigger by its {@link ResponseFormat}.
 * Reading follows KEDA's {@code GetValueFromResponse}: a number is taken as it is, a string is read as a Kubernetes
 * quantity ({@code "64"}, {@code "1k"}, {@code "250m"}), anything else is an error in KEDA's words.
 */
sealed interface ValueLocation permits GjsonPath, DottedPath, MetricSelector {

    /** KEDA's {@code valueLocationWrongErrorMsg}. */
    String NOT_A_NUMBER = "valueLocation %s must point to a numeric value or a string parseable as a Quantity, got %s";

    /** The location as the trigger wrote it. */
    String text();

    /**
     * The number at this location in a response body.
     *
     * @throws IllegalArgumentException saying what is there instead, or why the body cannot be read
     */
    double read(byte[] body);

    /** A string at the location, read as KEDA reads it: {@code resource.ParseQuantity(...).AsApproximateFloat64()}. */
    static double quantity(String text, String location) {
        try {
            return MilliValue.parseQuantity(text).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("valueLocation " + quoted(location)
                    + " points to a string that is not parseable as a Quantity");
        }
    }

    /** Go's {@code %q}, for the location in messages. */
    static String quoted(String location) {
        return '"' + location.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
