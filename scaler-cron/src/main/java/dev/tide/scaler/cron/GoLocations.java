package dev.tide.scaler.cron;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Time zone names as Go's {@code time.LoadLocation} reads them, which is what KEDA does with the {@code timezone}
 * parameter and with a schedule's {@code TZ=} prefix: an IANA name, {@code UTC}, the empty name (UTC) or
 * {@code Local}. Fixed offsets such as {@code +05:00} or {@code GMT+5} are not names there, so they are refused here
 * too, with Go's words.
 */
final class GoLocations {

    /** Go's name for the process's own zone. */
    static final String LOCAL = "Local";

    /**
     * Names the IANA database has that Java's does not list: it keeps them for its old three-letter short ids.
     * tzdata 2024b made them links to these zones.
     */
    private static final Map<String, String> LINKS = Map.of(
            "EST", "America/Panama",
            "MST", "America/Phoenix",
            "HST", "Pacific/Honolulu");

    private GoLocations() {
    }

    /**
     * The zone Go loads for {@code name}; {@code Local} is the JVM's default zone.
     *
     * @throws IllegalArgumentException with Go's message: {@code unknown time zone Mars/Olympus}
     */
    static ZoneId load(String name) {
        if (name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (name.equals(LOCAL)) {
            return ZoneId.systemDefault();
        }
        if (name.contains("..") || name.startsWith("/") || name.startsWith("\\")) {
            throw new IllegalArgumentException("time: invalid location name");
        }
        String region = LINKS.getOrDefault(name, name);
        if (!ZoneId.getAvailableZoneIds().contains(region)) {
            throw new IllegalArgumentException("unknown time zone " + name);
        }
        return ZoneId.of(region);
    }
}
