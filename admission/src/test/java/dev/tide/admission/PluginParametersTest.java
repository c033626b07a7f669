package dev.tide.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.keda.api.AuthenticationRef;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.validation.Finding;
import dev.tide.keda.api.validation.Verdict;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.Source;
import dev.tide.scaler.host.PluginLoader;
import dev.tide.scaler.host.ScalerRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A trigger's metadata checked by its plugin's binder at apply time, with nothing connected. */
class PluginParametersTest {

    private static final ScalerRegistry BUILT_INS = PluginLoader.loadBuiltIns();
    private static final PluginParameters PARAMETERS = new PluginParameters(BUILT_INS::factory, BUILT_INS::types);
    private static final String FIELD = "spec.triggers[0] (kafka)";

    static Stream<Arguments> kafkaTriggers() {
        return Stream.of(
                Arguments.of("a complete trigger", Map.of("bootstrapServers", "kafka:9092", "consumerGroup", "g"), List.of(), List.of()),
                Arguments.of("no bootstrap servers", Map.of("consumerGroup", "g"),
                        List.of(FIELD + ".metadata.bootstrapServers: missing required parameter \"bootstrapServers\" in [triggerMetadata, resolvedEnv]"),
                        List.of()),
                Arguments.of("bootstrap servers from the target's environment, unknown offline",
                        Map.of("bootstrapServersFromEnv", "BROKERS", "consumerGroup", "g"), List.of(), List.of()),
                Arguments.of("a lag threshold of 0", Map.of("bootstrapServers", "kafka:9092", "consumerGroup", "g", "lagThreshold", "0"),
                        List.of(FIELD + ".metadata.lagThreshold: parameter \"lagThreshold\" value \"0\" must be greater than 0"), List.of()),
                Arguments.of("a misspelt topic", Map.of("bootstrapServers", "kafka:9092", "consumerGroup", "g", "topc", "orders"), List.of(),
                        List.of(FIELD + ".metadata.topc: parameter \"topc\" is not a parameter of the kafka scaler and is ignored")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kafkaTriggers")
    void kafkaMetadataIsCheckedByTheKafkaBinder(String name, Map<String, String> metadata, List<String> errors, List<String> warnings) {
        Verdict verdict = PARAMETERS.check(0, trigger("kafka", metadata, null), FIELD);

        assertThat(verdict.errors()).map(Finding::describe).containsExactlyElementsOf(errors);
        assertThat(verdict.warnings()).map(Finding::describe).containsExactlyElementsOf(warnings);
    }

    @Test
    void aParameterTheTriggerAuthenticationMaySupplyIsNotAskedForOffline() {
        var withAuth = trigger("kafka", Map.of("bootstrapServers", "kafka:9092", "consumerGroup", "g", "sasl", "plaintext"),
                new AuthenticationRef("kafka-auth", null));
        var withoutAuth = trigger("kafka", Map.of("bootstrapServers", "kafka:9092", "consumerGroup", "g", "sasl", "plaintext"), null);

        assertThat(PARAMETERS.check(0, withAuth, FIELD).errors()).isEmpty();
        assertThat(PARAMETERS.check(0, withoutAuth, FIELD).errors()).isNotEmpty();
    }

    @Test
    void aTypeWithoutAScalerIsRefusedNamingTheKnownTypes() {
        Verdict verdict = PARAMETERS.check(2, trigger("rabbitmq", Map.of(), null), "spec.triggers[2] (rabbitmq)");

        assertThat(verdict.errors()).map(Finding::describe)
                .containsExactly("spec.triggers[2] (rabbitmq).type: no scaler found for type: rabbitmq (known types: azure-queue, kafka)");
    }

    @Test
    void aPluginThatFailsWhileCheckingCostsAWarningNotARefusal() {
        ScalerFactory broken = factory("broken", () -> {
            throw new NoClassDefFoundError("com/example/Missing");
        });
        PluginParameters parameters = new PluginParameters(type -> Optional.of(broken), () -> List.of("broken"));

        Verdict verdict = parameters.check(0, trigger("broken", Map.of(), null), "spec.triggers[0] (broken)");

        assertThat(verdict.errors()).isEmpty();
        assertThat(verdict.warnings()).map(Finding::describe).containsExactly("spec.triggers[0] (broken).metadata: the broken plugin's"
                + " check of its parameters failed (NoClassDefFoundError); they are checked again when its scaler is built");
    }

    @Test
    void aPluginThatHangsWhileCheckingHoldsNeitherTheCallerNorItsOtherTriggers() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ScalerFactory hanging = factory("hanging", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TriggerCheck.OK;
        });
        PluginParameters parameters = new PluginParameters(type -> Optional.of(hanging), () -> List.of("hanging"),
                java.util.concurrent.Executors.newCachedThreadPool(), java.time.Duration.ofMillis(200));
        try {
            long started = System.nanoTime();
            Verdict first = parameters.check(0, trigger("hanging", Map.of(), null), "spec.triggers[0] (hanging)");
            Verdict second = parameters.check(1, trigger("hanging", Map.of(), null), "spec.triggers[1] (hanging)");

            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(2));
            assertThat(first.errors()).isEmpty();
            assertThat(first.warnings()).map(Finding::describe).containsExactly("spec.triggers[0] (hanging).metadata: the hanging"
                    + " plugin's check of its parameters did not answer within 200 ms; they are checked again when its scaler is built");
            assertThat(second.warnings()).map(Finding::describe).singleElement().asString().contains("is still busy with an earlier check");
        } finally {
            release.countDown();
        }
    }

    private static ScalerFactory factory(String type, java.util.function.Supplier<TriggerCheck> validation) {
        return new ScalerFactory() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Scaler create(TriggerConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Class<? extends Record>> parameterTypes() {
                return List.of();
            }

            @Override
            public TriggerCheck validate(TriggerConfig config, Set<Source> unresolved) {
                return validation.get();
            }
        };
    }

    private static ScaleTrigger trigger(String type, Map<String, String> metadata, AuthenticationRef auth) {
        return new ScaleTrigger(type, null, metadata, auth, null, null);
    }
}
