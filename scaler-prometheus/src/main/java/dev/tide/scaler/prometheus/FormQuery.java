package dev.tide.scaler.prometheus;

import dev.tide.scaler.http.GoQuery;
import java.util.List;
import java.util.Map;

/** Go's {@code net/url} query functions, which KEDA builds its requests with; scaler-http-support's {@link GoQuery}. */
final class FormQuery {

    private FormQuery() {
    }

    /** Go's {@code url.QueryEscape}. */
    static String escape(String text) {
        return GoQuery.escape(text);
    }

    /**
     * Go's {@code url.ParseQuery}.
     *
     * @throws IllegalArgumentException with Go's reason, never quoting the query
     */
    static Map<String, List<String>> parse(String query) {
        return GoQuery.parse(query);
    }

    /** Go's {@code url.Values.Encode}: sorted by key. */
    static String encode(Map<String, List<String>> values) {
        return GoQuery.encode(values);
    }
}
