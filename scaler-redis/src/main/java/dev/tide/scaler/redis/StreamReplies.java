package dev.tide.scaler.redis;

import java.util.List;
import java.util.OptionalLong;

/** Reads the replies the lag mode needs, as KEDA reads them through go-redis. */
final class StreamReplies {

    private StreamReplies() {
    }

    /** KEDA's check of INFO's {@code redis_version}: null when it is 7 or later, else KEDA's message. */
    static String lagUnsupported(String info) {
        for (String line : info.split("\n")) {
            String[] field = line.split(":");
            if (field.length > 1 && field[0].equals("redis_version")) {
                try {
                    return Long.parseLong(field[1].split("\\.")[0].trim()) < 7 ? "redis version 7+ required for lag" : null;
                } catch (NumberFormatException e) {
                    return "redis version could not be converted to number";
                }
            }
        }
        return "could not find Redis version number";
    }

    /**
     * The {@code lag} of {@code group} in an XINFO GROUPS reply (RESP2: per group a flat list of field names and
     * values); empty when the stream has no such group. A nil lag (Redis cannot tell) is 0, as go-redis reads it.
     */
    static OptionalLong lagOf(List<Object> groups, String group) {
        for (Object entry : groups) {
            if (!(entry instanceof List<?> fields)) {
                continue;
            }
            String name = null;
            Object lag = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String field = String.valueOf(fields.get(i));
                if (field.equals("name")) {
                    name = String.valueOf(fields.get(i + 1));
                } else if (field.equals("lag")) {
                    lag = fields.get(i + 1);
                }
            }
            if (group.equals(name)) {
                return OptionalLong.of(lag instanceof Number number ? number.longValue() : 0);
            }
        }
        return OptionalLong.empty();
    }
}
