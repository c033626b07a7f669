package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.http.GoQuery;

/** Go's {@code url.QueryEscape}, which KEDA uses for the metric name, the queue in the URL and the vhost override. */
final class QueryEscape {

    private QueryEscape() {
    }

    /** Letters, digits and {@code -_.~} stay; a space becomes {@code +}; every other byte {@code %XX}. */
    static String escape(String text) {
        return GoQuery.escape(text);
    }
}
