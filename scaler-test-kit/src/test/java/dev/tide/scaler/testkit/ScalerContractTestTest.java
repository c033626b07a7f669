package dev.tide.scaler.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.MetricSpec;
import dev.tide.scaler.api.MetricTargetType;
import dev.tide.scaler.api.MetricValue;
import dev.tide.scaler.api.MilliValue;
import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.ScalerException;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.ScalerSample;
import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.Param;
import dev.tide.scaler.api.params.ParameterBinder;
import dev.tide.scaler.api.params.Source;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kit's own test: a plugin that keeps the contract passes, and each way of breaking it fails its test. */
class ScalerContractTestTest {

    record Documented(@Param(description = "the address") String address,
            @Param(order = Source.AUTH_PARAMS, description = "the password") Optional<Secret> password) {
    }

    record Undocumented(@Param String address) {
    }

    /**
     * What a fake plugin gets wrong, or how it keeps the contract otherwise: {@code NO_SCALER} builds none and says so
     * (as cpu does), {@code SPECS_FROM_SOURCE} asks its source for the metric specs (as external does),
     * {@code CONNECTS_IN_CREATE} fails to build for a source it cannot reach (as sql does).
     */
    enum Fault {
        NONE, NO_SCALER, SPECS_FROM_SOURCE, CONNECTS_IN_CREATE, UNDOCUMENTED, PRINTS_SECRET, ZERO_WHEN_UNREACHABLE, SECOND_CLOSE_THROWS,
        KEEPS_CLIENT, CLAIMS_NO_SCALER_BUT_BUILDS_ONE, SPECS_FROM_SOURCE_BUT_ZERO_WHEN_UNREACHABLE,
        CONNECTS_IN_CREATE_BUT_FAILS_UNNAMED
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NONE", "NO_SCALER", "SPECS_FROM_SOURCE", "CONNECTS_IN_CREATE"})
    void aPluginThatKeepsTheContractPassesEveryTest(Fault fault) {
        Contract contract = new Contract(fault);

        assertThatCode(contract::everyParameterIsDocumented).doesNotThrowAnyException();
        assertThatCode(contract::theCanarySecretAppearsInNoMessageNoToStringAndNoValidateOutput).doesNotThrowAnyException();
        assertThatCode(contract::closeIsIdempotentReleasesTheClientsAndALaterSampleFailsCleanly).doesNotThrowAnyException();
        assertThatCode(contract::aSampleOfAnUnreachableSourceThrowsAndNeverReadsAsZero).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @CsvSource(textBlock = """
            UNDOCUMENTED,          everyParameterIsDocumented,                                      address
            PRINTS_SECRET,         theCanarySecretAppearsInNoMessageNoToStringAndNoValidateOutput,  toString
            ZERO_WHEN_UNREACHABLE, aSampleOfAnUnreachableSourceThrowsAndNeverReadsAsZero,           unreachable
            SECOND_CLOSE_THROWS,   closeIsIdempotentReleasesTheClientsAndALaterSampleFailsCleanly,  second close
            KEEPS_CLIENT,          closeIsIdempotentReleasesTheClientsAndALaterSampleFailsCleanly,  open clients
            CLAIMS_NO_SCALER_BUT_BUILDS_ONE, closeIsIdempotentReleasesTheClientsAndALaterSampleFailsCleanly, builds no scaler
            CLAIMS_NO_SCALER_BUT_BUILDS_ONE, aSampleOfAnUnreachableSourceThrowsAndNeverReadsAsZero,     builds no scaler
            SPECS_FROM_SOURCE_BUT_ZERO_WHEN_UNREACHABLE, aSampleOfAnUnreachableSourceThrowsAndNeverReadsAsZero, unreachable
            CONNECTS_IN_CREATE_BUT_FAILS_UNNAMED, aSampleOfAnUnreachableSourceThrowsAndNeverReadsAsZero,    unreachable
            """)
    void eachWayOfBreakingTheContractFailsItsTest(Fault fault, String test, String named) {
        Contract contract = new Contract(fault);
        Runnable check = switch (test) {
            case "everyParameterIsDocumented" -> contract::everyParameterIsDocumented;
            case "theCanarySecretAppearsInNoMessageNoToStringAndNoValidateOutput" ->
                    contract::theCanarySecretAppearsInNoMessageNoToStringAndNoValidateOutput;
            case "aSampleOfAnUnreachableSourceThrowsAndNeverReadsAsZero" ->
                    contract::aSampleOfAnUnreachableSourceThrowsAndNeverReadsAsZero;
            default -> contract::closeIsIdempotentReleasesTheClientsAndALaterSampleFailsCleanly;
        };

        assertThatThrownBy(check::run).isInstanceOf(AssertionError.class).hasMessageContaining(named);
    }

    private static final class Contract extends ScalerContractTest {

        private final Fault fault;
        private final AtomicInteger open = new AtomicInteger();

        Contract(Fault fault) {
            this.fault = fault;
        }

        @Override
        protected ScalerFactory factory() {
            return new FakeFactory(fault, open);
        }

        @Override
        protected TriggerConfig sampleTrigger() {
            return TriggerConfig.of("fake", 0, Map.of("address", "up"));
        }

        @Override
        protected Optional<TriggerConfig> unreachableTrigger() {
            return Optional.of(TriggerConfig.of("fake", 0, Map.of("address", "down")));
        }

        @Override
        protected OptionalInt openClients() {
            return OptionalInt.of(open.get());
        }

        @Override
        protected boolean buildsNoScaler() {
            return fault == Fault.NO_SCALER || fault == Fault.CLAIMS_NO_SCALER_BUT_BUILDS_ONE;
        }
    }

    private record FakeFactory(Fault fault, AtomicInteger open) implements ScalerFactory {

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public Scaler create(TriggerConfig config) {
            Documented parameters = fault == Fault.UNDOCUMENTED
                    ? new Documented(ParameterBinder.bind(config, Undocumented.class).address(), Optional.empty())
                    : ParameterBinder.bind(config, Documented.class);
            if (fault == Fault.NO_SCALER) {
                throw new ScalerConfigException(config, "fake triggers are not polled");
            }
            if (parameters.address().equals("down") && fault == Fault.CONNECTS_IN_CREATE) {
                throw new ScalerException(config.label() + ": cannot connect to " + parameters.address());
            }
            if (parameters.address().equals("down") && fault == Fault.CONNECTS_IN_CREATE_BUT_FAILS_UNNAMED) {
                throw new IllegalStateException("cannot connect");
            }
            open.incrementAndGet();
            return new FakeScaler(fault, open, parameters, config.label());
        }

        @Override
        public List<Class<? extends Record>> parameterTypes() {
            return List.of(fault == Fault.UNDOCUMENTED ? Undocumented.class : Documented.class);
        }
    }

    private static final class FakeScaler implements Scaler {

        private static final String METRIC = "s0-fake";
        private final Fault fault;
        private final AtomicInteger open;
        private final Documented parameters;
        private final String label;
        private boolean closed;

        FakeScaler(Fault fault, AtomicInteger open, Documented parameters, String label) {
            this.fault = fault;
            this.open = open;
            this.parameters = parameters;
            this.label = label;
        }

        @Override
        public List<MetricSpec> metricSpecs() {
            boolean specsFromSource = fault == Fault.SPECS_FROM_SOURCE
                    || fault == Fault.SPECS_FROM_SOURCE_BUT_ZERO_WHEN_UNREACHABLE;
            if (specsFromSource && parameters.address().equals("down")) {
                throw new ScalerException(label + ": cannot ask " + parameters.address() + " for the metric specs");
            }
            return List.of(new MetricSpec(METRIC, MetricTargetType.AVERAGE_VALUE, MilliValue.ofWhole(5)));
        }

        @Override
        public ScalerSample sample(String metricName) {
            if (closed) {
                throw new ScalerException(label + ": closed");
            }
            if (parameters.address().equals("down")) {
                if (fault == Fault.ZERO_WHEN_UNREACHABLE || fault == Fault.SPECS_FROM_SOURCE_BUT_ZERO_WHEN_UNREACHABLE) {
                    return ScalerSample.of(MetricValue.of(metricName, 0), false);
                }
                throw new ScalerException(label + ": cannot reach " + parameters.address());
            }
            return ScalerSample.of(MetricValue.of(metricName, 3), true);
        }

        @Override
        public void close() {
            if (closed && fault == Fault.SECOND_CLOSE_THROWS) {
                throw new IllegalStateException("already closed");
            }
            if (!closed && fault != Fault.KEEPS_CLIENT) {
                open.decrementAndGet();
            }
            closed = true;
        }

        @Override
        public String toString() {
            return "FakeScaler[" + parameters.address()
                    + (fault == Fault.PRINTS_SECRET ? ", password=" + parameters.password().map(Secret::reveal).orElse("") : "") + "]";
        }
    }
}
