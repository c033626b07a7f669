package dev.tide.scaler.rabbitmq;

import java.nio.charset.StandardCharsets;

/** Go's {@code url.QueryEscape}, which KEDA uses for the metric name, the queue in the URL and the vhost override. */
final class QueryEscape {

    private static final String HEX = "0123456789ABCDEF";

    private QueryEscape() {
    }

    /** Letters, digits and {@code -_.~} stay; a space becomes {@code +}; every other byte {@code %XX}. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                escaped.append((char) c);
            } else if (c == ' ') {
                escaped.append('+');
            } else {
                escaped.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
            }
        }
        return escaped.toString();
    }
}
