package dev.tide.metrics;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Reads metric values from the controller for the API: collapses identical concurrent reads into one
 * upstream call, guards the controller with a circuit breaker, times every upstream call, and — only if
 * configured — serves the last value the controller gave when the controller itself fails. The
 * controller's own errors (no such ScaledObject, source down) are always passed on.
 */
final class MetricReader {

    private static final Logger log = LoggerFactory.getLogger(MetricReader.class);

    private final ControllerClient client;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final Duration lastKnownMaxAge;
    private final SingleFlight<MetricKey, ExternalMetricValueList> flights = new SingleFlight<>();
    private final Map<MetricKey, Remembered> lastKnown = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Counter collapsed;
    private final Counter lastKnownServed;
    private final Map<Outcome, Timer> upstreamTimers = new EnumMap<>(Outcome.class);

    /** How an upstream call ended; the {@code outcome} tag of the upstream timer. */
    enum Outcome { SUCCESS, NOT_FOUND, SOURCE_UNAVAILABLE, FAILURE, BREAKER_OPEN }

    /**
     * A read value.
     *
     * @param values what the controller said, in the HPA's shape
     * @param lastKnownAge empty for a fresh answer; the value's age if the controller failed and the
     *     last known value was served instead
     */
    record Reading(ExternalMetricValueList values, Optional<Duration> lastKnownAge) {}

    private record Remembered(ExternalMetricValueList values, Instant receivedAt) {}

    MetricReader(ControllerClient client, CircuitBreaker breaker, MeterRegistry registry, Clock clock,
            Duration lastKnownMaxAge) {
        this.client = client;
        this.breaker = breaker;
        this.registry = registry;
        this.clock = clock;
        this.lastKnownMaxAge = lastKnownMaxAge;
        this.collapsed = Counter.builder("tide.metrics.upstream.collapsed")
                .description("Reads that shared an identical upstream call already in flight")
                .register(registry);
        this.lastKnownServed = Counter.builder("tide.metrics.last.known.served")
                .description("Reads answered with the last known value because the controller failed")
                .register(registry);
        breaker.getEventPublisher().onStateTransition(event -> log.warn(
                "Circuit breaker for the controller went {}: {}", event.getStateTransition(),
                event.getStateTransition().getToState() == CircuitBreaker.State.OPEN
                        ? "metric reads fail fast with 503 (or serve last known values) until it half-opens"
                        : "metric reads go to the controller again"));
        // Registered once per outcome, so the hot path does not look meters up by name.
        for (Outcome outcome : Outcome.values()) {
            upstreamTimers.put(outcome, Timer.builder("tide.metrics.upstream.requests")
                    .description("Calls to the controller's internal metrics API, leader search included")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }

    Reading read(MetricKey key) {
        try {
            SingleFlight.Outcome<ExternalMetricValueList> outcome = flights.execute(key, () -> upstream(key));
            if (outcome.shared()) {
                collapsed.increment();
            }
            remember(key, outcome.value());
            return new Reading(outcome.value(), Optional.empty());
        } catch (MetricReadException.Answer e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                lastKnown.remove(key);
            }
            throw e;
        } catch (MetricReadException.Failure e) {
            return lastKnown(key, e);
        }
    }

    private ExternalMetricValueList upstream(MetricKey key) {
        Timer.Sample sample = Timer.start(registry);
        Outcome outcome = Outcome.FAILURE;
        try {
            // Checked inside the breaker: an unusable answer counts as a controller failure.
            ExternalMetricValueList values =
                    breaker.executeSupplier(() -> ExternalMetricValueList.from(client.fetch(key), key));
            outcome = Outcome.SUCCESS;
            return values;
        } catch (MetricReadException.Answer e) {
            outcome = e.status() == HttpStatus.NOT_FOUND ? Outcome.NOT_FOUND : Outcome.SOURCE_UNAVAILABLE;
            throw e;
        } catch (CallNotPermittedException e) {
            outcome = Outcome.BREAKER_OPEN;
            throw new MetricReadException.Failure(HttpStatus.SERVICE_UNAVAILABLE,
                    "the controller is not asked for " + key + ": its circuit breaker is open after repeated failures",
                    e);
        } finally {
            sample.stop(upstreamTimers.get(outcome));
        }
    }

    private void remember(MetricKey key, ExternalMetricValueList values) {
        if (!lastKnownMaxAge.isZero()) {
            lastKnown.put(key, new Remembered(values, clock.instant()));
        }
    }

    private Reading lastKnown(MetricKey key, MetricReadException.Failure failure) {
        Remembered remembered = lastKnown.get(key);
        if (remembered == null) {
            throw failure;
        }
        Duration age = Duration.between(remembered.receivedAt(), clock.instant());
        if (age.compareTo(lastKnownMaxAge) > 0) {
            lastKnown.remove(key, remembered);
            throw failure;
        }
        lastKnownServed.increment();
        log.warn("Serving the last known value of {}, {} s old, because the controller failed: {}",
                key, age.toSeconds(), failure.getMessage());
        return new Reading(remembered.values(), Optional.of(age));
    }
}
