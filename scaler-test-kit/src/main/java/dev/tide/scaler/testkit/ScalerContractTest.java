package dev.tide.scaler.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import dev.tide.scaler.api.params.ParameterDescriptor;
import dev.tide.scaler.api.params.ParameterReference;
import dev.tide.scaler.api.params.Source;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every scaler plugin keeps, as JUnit 5 tests: extend this class in the plugin's tests, give it the
 * factory and a trigger it accepts, and the plugin's build checks that
 * <ul>
 *   <li>its parameter reference is complete: every {@code @Param} has a description, and the generated reference
 *       ({@code docs/scalers.md} for built-ins) lists every parameter;</li>
 *   <li>secrets are redacted: a canary secret in the trigger's auth params appears in no {@code toString}, no
 *       exception message and no {@code validate} output;</li>
 *   <li>{@code close} releases: it is idempotent, a later sample fails cleanly, and the factory's shared clients
 *       go back to their count before the trigger (when {@link #openClients()} can tell);</li>
 *   <li>errors never read as 0: a sample against an unreachable source throws {@link ScalerException} (a scaler
 *       without an external source samples its sample trigger without one; one that connects in {@code create} or
 *       asks the source for its metric specs may throw it there).</li>
 * </ul>
 * A factory that builds no scaler at all ({@code cpu} and {@code memory}: the HPA reads them) says so with
 * {@link #buildsNoScaler()}; the close and unreachable-source tests then check that claim: the factory accepts the
 * sample trigger and {@code create} refuses it with a {@link ScalerConfigException} naming it.
 * Each check is one test method, so a plugin's report names the broken rule.
 */
public abstract class ScalerContractTest {

    /**
     * A secret no scaler has any reason to print; tests look for it in everything the plugin shows. Valid base64, so
     * it can stand for a key that a client decodes (an Azure account key).
     */
    public static final String CANARY = "CanaryS3cr3tTide7f1e9Q==";

    /** The factory under test; a new one per call is fine. */
    protected abstract ScalerFactory factory();

    /** A trigger the factory accepts and can build a scaler for (its source need not be reachable). */
    protected abstract TriggerConfig sampleTrigger();

    /**
     * A trigger whose source cannot be reached (a closed port on 127.0.0.1, a missing file), or empty when the scaler
     * reads no external source (such as {@code cron}); then the errors-never-read-as-0 test checks that claim instead:
     * the sample trigger reads without any source.
     */
    protected Optional<TriggerConfig> unreachableTrigger() {
        return Optional.empty();
    }

    /**
     * The auth params that carry the canary. By default each secret parameter the factory declares that may come from
     * the TriggerAuthentication gets the canary, and so does {@code password}, which most scalers ignore when they do
     * not know it. Override when the secret is part of a larger value (a connection string).
     */
    protected Map<String, String> canaryAuthParams() {
        Map<String, String> params = new HashMap<>();
        params.put("password", CANARY);
        for (ParameterDescriptor parameter : parameters()) {
            if (parameter.secret() && parameter.order().contains(Source.AUTH_PARAMS)) {
                params.put(parameter.name(), CANARY);
            }
        }
        return params;
    }

    /**
     * True for a factory whose triggers are not polled ({@code cpu}, {@code memory}): it declares and checks parameters
     * but {@code create} always refuses, so there is nothing to close and nothing to sample.
     */
    protected boolean buildsNoScaler() {
        return false;
    }

    /** How many clients the factory under test holds open now (e.g. its {@code SharedClients.size()}), when known. */
    protected OptionalInt openClients() {
        return OptionalInt.empty();
    }

    @Test
    void everyParameterIsDocumented() {
        ScalerFactory factory = factory();
        assertThat(factory.type()).as("the trigger type").isNotBlank().isEqualTo(factory.type().strip());
        List<ParameterDescriptor> parameters = parameters();
        String reference = ParameterReference.markdown(List.of(factory), "mvn test");
        assertThat(parameters)
                .as("the parameters of %s without a @Param(description = ...)", factory.type())
                .filteredOn(parameter -> parameter.description().isBlank())
                .extracting(ParameterDescriptor::name)
                .isEmpty();
        assertThat(reference).as("the generated parameter reference")
                .contains(parameters.stream().map(parameter -> "`" + parameter.name() + "`").toList());
    }

    @Test
    void theCanarySecretAppearsInNoMessageNoToStringAndNoValidateOutput() {
        TriggerConfig trigger = withCanary(sampleTrigger());
        ScalerFactory factory = factory();
        TriggerCheck check = factory.validate(trigger, Set.of());
        assertNoCanary("validate output", check.toString());
        assertNoCanary("the connection key", factory.connectionKey(trigger).toString());
        Throwable refused = catchThrowable(() -> factory.create(trigger).close());
        if (refused != null) {
            assertNoCanary("the error of create", refused);
            return;
        }
        try (Scaler scaler = factory.create(trigger)) {
            assertNoCanary("the scaler's toString", scaler.toString());
            assertNoCanary("the metric specs", scaler.metricSpecs().toString());
            for (MetricSpec spec : scaler.metricSpecs()) {
                Throwable failed = catchThrowable(() -> scaler.sample(spec.metricName()));
                if (failed != null) {
                    assertNoCanary("the error of sample", failed);
                }
            }
        }
        unreachableTrigger().map(this::withCanary).ifPresent(unreachable -> {
            try (Scaler scaler = factory.create(unreachable)) {
                assertNoCanary("the error of an unreachable sample",
                        catchThrowable(() -> scaler.sample(scaler.metricSpecs().get(0).metricName())));
            } catch (RuntimeException e) {
                assertNoCanary("the error of create", e);
            }
        });
    }

    @Test
    void closeIsIdempotentReleasesTheClientsAndALaterSampleFailsCleanly() {
        if (buildsNoScaler()) {
            assertCreateRefusesTheSampleTrigger();
            return;
        }
        ScalerFactory factory = factory();
        OptionalInt before = openClients();
        Scaler scaler = factory.create(sampleTrigger());
        String metricName = scaler.metricSpecs().get(0).metricName();
        scaler.close();
        assertThatCode(scaler::close).as("a second close").doesNotThrowAnyException();
        Throwable later = catchThrowable(() -> scaler.sample(metricName));
        if (later != null) {
            assertThat(later).as("a sample after close").isInstanceOf(ScalerException.class);
        }
        if (before.isPresent()) {
            assertThat(openClients()).as("the factory's open clients after close").hasValue(before.getAsInt());
        }
    }

    @Test
    void aSampleOfAnUnreachableSourceThrowsAndNeverReadsAsZero() {
        if (buildsNoScaler()) {
            assertCreateRefusesTheSampleTrigger();
            return;
        }
        Optional<TriggerConfig> unreachable = unreachableTrigger();
        if (unreachable.isEmpty()) {
            // No external source is a claim too, and a checkable one: the sample trigger reads without any.
            try (Scaler scaler = factory().create(sampleTrigger())) {
                for (MetricSpec spec : scaler.metricSpecs()) {
                    assertThatCode(() -> scaler.sample(spec.metricName()))
                            .as("sampling %s of a scaler that declares no external source", spec.metricName())
                            .doesNotThrowAnyException();
                }
            }
            return;
        }
        String label = unreachable.get().label();
        Scaler built;
        try {
            built = factory().create(unreachable.get());
        } catch (RuntimeException e) {
            // A scaler that connects when it is built (sql pings, as KEDA's does) fails here: no value either.
            assertThat(e).as("the error of building a scaler for an unreachable source")
                    .isInstanceOf(ScalerException.class).hasMessageContaining(label);
            return;
        }
        try (Scaler scaler = built) {
            for (String metricName : metricNames(scaler, label)) {
                assertThat(catchThrowable(() -> scaler.sample(metricName)))
                        .as("the error of sampling %s from an unreachable source (a value would be made up)", metricName)
                        .isInstanceOf(ScalerException.class)
                        .hasMessageContaining(label);
            }
        }
    }

    /**
     * The unreachable scaler's metric names. A scaler that asks its source for them ({@code external}) cannot name
     * them: that must be a {@link ScalerException} naming the trigger too, and then the sample trigger's names (the
     * same when both triggers have the same index and metric name) are the ones sampled.
     */
    private List<String> metricNames(Scaler unreachable, String label) {
        List<MetricSpec> specs;
        try {
            specs = unreachable.metricSpecs();
        } catch (RuntimeException e) {
            assertThat(e).as("the error of asking an unreachable source for the metric specs")
                    .isInstanceOf(ScalerException.class).hasMessageContaining(label);
            try (Scaler reachable = factory().create(sampleTrigger())) {
                specs = reachable.metricSpecs();
            }
        }
        return specs.stream().map(MetricSpec::metricName).toList();
    }

    private void assertCreateRefusesTheSampleTrigger() {
        TriggerConfig trigger = sampleTrigger();
        assertThat(factory().validate(trigger, Set.of()).errors()).as("the sample trigger's check").isEmpty();
        assertThat(catchThrowable(() -> factory().create(trigger).close()))
                .as("create for a factory that builds no scaler")
                .isInstanceOf(ScalerConfigException.class)
                .hasMessageContaining(trigger.label());
    }

    private List<ParameterDescriptor> parameters() {
        return factory().parameterTypes().stream().flatMap(type -> ParameterBinder.describe(type).stream()).toList();
    }

    private TriggerConfig withCanary(TriggerConfig trigger) {
        Map<String, String> auth = new HashMap<>(trigger.authParams());
        auth.putAll(canaryAuthParams());
        return trigger.toBuilder().authParams(auth).build();
    }

    private static void assertNoCanary(String what, String text) {
        assertThat(text).as(what).doesNotContain(CANARY);
    }

    /** The message, the toString and the causes' messages: what a log line of the error would show. */
    private static void assertNoCanary(String what, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            assertNoCanary(what, String.valueOf(cause));
            for (Throwable suppressed : cause.getSuppressed()) {
                assertNoCanary(what + " (suppressed)", String.valueOf(suppressed));
            }
        }
    }
}
