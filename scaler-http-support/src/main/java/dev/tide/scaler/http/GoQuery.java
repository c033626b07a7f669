package dev.tide.scaler.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Go's {@code net/url} query functions, which KEDA builds its requests with: {@code QueryEscape},
 * {@code ParseQuery} and {@code Values.Encode}. The JDK's {@code URLEncoder} differs on {@code ~} and {@code *}.
 */
public final class GoQuery {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private GoQuery() {
    }

    /** Go's {@code url.QueryEscape}: letters, digits and {@code -_.~} stay, a space becomes {@code +}, the rest {@code %XX}. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                escaped.append((char) c);
            } else if (c == ' ') {
                escaped.append('+');
            } else {
                escaped.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return escaped.toString();
    }

    /**
     * Go's {@code url.ParseQuery}: {@code &}-separated {@code key=value} pairs, each unescaped.
     *
     * @throws IllegalArgumentException with Go's reason, on a {@code ;} separator or a bad escape; never quoting the
     *     query, which may hold a credential
     */
    public static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (pair.contains(";")) {
                throw new IllegalArgumentException("is not a query: invalid semicolon separator");
            }
            int equals = pair.indexOf('=');
            String key = unescape(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : unescape(pair.substring(equals + 1));
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    /** Go's {@code url.Values.Encode}: sorted by key, each key and value escaped. */
    public static String encode(Map<String, List<String>> values) {
        return new TreeMap<>(values).entrySet().stream()
                .flatMap(entry -> entry.getValue().stream().map(value -> escape(entry.getKey()) + "=" + escape(value)))
                .collect(Collectors.joining("&"));
    }

    private static String unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("is not a query: invalid URL escape");
                }
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
