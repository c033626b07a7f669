package dev.tide.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/** Timeline rows and {@code /scale} writes of a made-up run that starts at {@link #START}, for the verdict tests. */
final class RunRows {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private RunRows() {
    }

    /** A row {@code second}s into the run: the queue empty, {@code replicas} wanted and ready, the pods at {@code cpu}. */
    static Sample sample(int second, int replicas, OptionalInt cpu) {
        return new Sample(START.plusSeconds(second), second, new Sample.Messages("idle", 100, List.of(0L)),
                new Sample.Replicas(replicas, replicas, cpu), new Sample.Conditions("False", "True"), "-");
    }

    /** A {@code /scale} write of the sandbox's Deployment {@code second}s into the run. */
    static MockApiServer.ScaleWrite scale(int second, int replicas) {
        return new MockApiServer.ScaleWrite(START.plusSeconds(second), Settings.NAMESPACE, Settings.DEPLOYMENT,
                replicas, "test");
    }
}
