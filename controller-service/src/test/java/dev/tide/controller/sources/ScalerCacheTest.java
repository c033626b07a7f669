package dev.tide.controller.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.controller.kube.ObjectKey;
import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.PushScaler;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.TriggerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the cache does with scalers whose metrics come from their source, and with push scalers. */
class ScalerCacheTest {

    private static final ObjectKey KEY = new ObjectKey("shop", "orders");
    private static final List<TriggerConfig> CONFIGS = List.of(TriggerConfig.of("remote", 0, Map.of("address", "a:1")));
    private static final MetricSpec SPEC = new MetricSpec("s0-queue", MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(5));

    private final ExecutorService pluginCalls = Executors.newSingleThreadExecutor();
    private final PassRequests passRequests = new PassRequests();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    @AfterEach
    void stop() {
        pluginCalls.shutdownNow();
    }

    private ScalerCache cache(Supplier<Scaler> scalers) {
        ScalerFactory factory = new ScalerFactory() {
            @Override
            public String type() {
                return "remote";
            }

            @Override
            public Scaler create(TriggerConfig config) {
                created.incrementAndGet();
                return scalers.get();
            }

            @Override
            public List<Class<? extends Record>> parameterTypes() {
                return List.of();
            }
        };
        ScalerFactories factories = new ScalerFactories() {
            @Override
            public Optional<ScalerFactory> factory(String type) {
                return Optional.of(factory).filter(f -> f.type().equals(type));
            }

            @Override
            public Set<String> types() {
                return Set.of("remote");
            }
        };
        return new ScalerCache(factories, pluginCalls, Duration.ofSeconds(5), passRequests);
    }

    /** A scaler whose metric specs come from {@code specs}; closing it is counted. */
    private class RemoteScaler implements Scaler {
        private final Supplier<List<MetricSpec>> specs;

        RemoteScaler(Supplier<List<MetricSpec>> specs) {
            this.specs = specs;
        }

        @Override
        public List<MetricSpec> metricSpecs() {
            return specs.get();
        }

        @Override
        public ScalerSample sample(String metricName) {
            throw new UnsupportedOperationException("not read here");
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void aTriggerThatNamedNoMetricIsBuiltAgainAtTheNextReconcile() {
        List<List<MetricSpec>> answers = new ArrayList<>(List.of(List.of(), List.of(SPEC)));
        ScalerCache cache = cache(() -> new RemoteScaler(() -> answers.size() > 1 ? answers.remove(0) : answers.get(0)));

        assertThat(cache.scalers(KEY, 1, CONFIGS).metricSpecs()).isEmpty();
        assertThat(cache.isCurrent(KEY, CONFIGS)).isFalse();
        assertThat(cache.scalers(KEY, 1, CONFIGS).metricSpecs()).containsExactly(SPEC);
        assertThat(cache.scalers(KEY, 1, CONFIGS).metricSpecs()).containsExactly(SPEC);

        assertThat(created).hasValue(2);
        assertThat(cache.isCurrent(KEY, CONFIGS)).isTrue();
    }

    @Test
    void aSourceThatCannotNameItsMetricsFailsTheBuildWithItsOwnMessageAndItsScalerIsClosed() {
        ScalerCache cache = cache(() -> new RemoteScaler(() -> {
            throw new ScalerException("trigger[0] (remote): GetMetricSpec on a:1 failed: UNAVAILABLE");
        }));

        assertThatThrownBy(() -> cache.scalers(KEY, 1, CONFIGS)).isInstanceOf(ScalerCache.BuildFailedException.class)
                .hasMessage("trigger[0] (remote): GetMetricSpec on a:1 failed: UNAVAILABLE");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> closed.get() == 1);
    }

    @Test
    void aPushScalerPushesOnceBuiltAndItsRequestsReachTheLoopsOfItsObject() {
        List<PushScaler.PassRequester> requesters = new ArrayList<>();
        List<ObjectKey> requested = new ArrayList<>();
        passRequests.handleWith(requested::add);
        class Pushing extends RemoteScaler implements PushScaler {
            Pushing() {
                super(() -> List.of(SPEC));
            }

            @Override
            public void startPushing(PassRequester requester) {
                requesters.add(requester);
            }
        }
        ScalerCache cache = cache(Pushing::new);

        cache.scalers(KEY, 1, CONFIGS);
        assertThat(requesters).hasSize(1);
        requesters.get(0).requestPass();

        assertThat(requested).containsExactly(KEY);
    }
}
