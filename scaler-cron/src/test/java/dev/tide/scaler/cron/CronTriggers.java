package dev.tide.scaler.cron;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** What the tests of this module share: triggers, a scaler read at a fixed instant, and robfig's reference tables. */
final class CronTriggers {

    private CronTriggers() {
    }

    /** A trigger at index 0 asking for 10 replicas inside the window. */
    static TriggerConfig window(String start, String end, String timezone) {
        return TriggerConfig.of(CronTrigger.TYPE, 0,
                Map.of("start", start, "end", end, "timezone", timezone, "desiredReplicas", "10"));
    }

    /** The scaler of {@code config} asked once, with the clock stopped at {@code now} (an ISO instant). */
    static ScalerSample sampleAt(String now, TriggerConfig config) {
        CronScalerFactory factory = new CronScalerFactory(Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
        try (Scaler scaler = factory.create(config)) {
            return scaler.sample(scaler.metricSpecs().get(0).metricName());
        }
    }

    /**
     * The rows of a table in {@code src/test/resources/robfig/}, written by {@code src/test/robfig/generate.go} with
     * robfig/cron v3.0.1: tab-separated, {@code #} lines are headers.
     */
    static List<String[]> robfigTable(String name) {
        String path = "/robfig/" + name;
        try (InputStream in = CronTriggers.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test class path");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.split("\t", -1))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
