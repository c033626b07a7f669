package dev.tide.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** How a cluster's request rounds are scheduled, seen through a client that cannot be created. */
class KafkaClusterTest {

    private static final KafkaSecurityParams PLAIN = ParameterBinder.bind(
            TriggerConfig.builder("kafka").metadata(Map.of()).build(), KafkaSecurityParams.class);
    private static final LagQuery QUERY = new LagQuery("g", Optional.of("t"), List.of(), Duration.ofSeconds(5));

    @Test
    void aLoneReadOnAnIdleClusterStartsItsRoundAtOnceNotAfterTheLinger() {
        KafkaCluster cluster = new KafkaCluster(new ClusterKey(List.of("b:1"), PLAIN), () -> {
            throw new IllegalStateException("login refused");
        }, Duration.ZERO, Duration.ofHours(1), new TopicMetadataCache(Clock.systemUTC(), Duration.ofSeconds(30)),
                () -> { });

        // Answered (with the login's failure) well before the hour a lingering round would wait.
        assertThatThrownBy(() -> cluster.submit(QUERY).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ScalerException.class).hasMessageContaining("could not create a Kafka client");
        cluster.close();
    }

    /** A client whose creation blocks (a SASL login against a dead KDC or token endpoint) holds nothing else up. */

    @Test
    void aSlowLoginHoldsUpNeitherQueuedQueriesNorClosing() throws Exception {
        CountDownLatch creating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean released = new AtomicBoolean();
        KafkaCluster cluster = new KafkaCluster(new ClusterKey(List.of("b:1"), PLAIN), () -> {
            creating.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("login refused");
        }, Duration.ZERO, Duration.ZERO, new TopicMetadataCache(Clock.systemUTC(), Duration.ofSeconds(30)),
                () -> released.set(true));
        CompletableFuture<?> first = cluster.submit(QUERY);
        assertThat(creating.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<?> second = CompletableFuture.runAsync(() -> cluster.submit(QUERY));
        second.get(1, TimeUnit.SECONDS);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(cluster::close);
        closing.get(1, TimeUnit.SECONDS);
        assertThat(released).isTrue();
        release.countDown();
        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ScalerException.class);
    }
}
