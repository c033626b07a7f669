package dev.tide.scaler.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import java.util.Set;

/** The check both parity tables make of a KEDA parse row: accepted by parse and validate alike, or refused by both. */
final class ParityRows {

    private ParityRows() {
    }

    /** @param refusal null where KEDA accepts the row; else the problems, joined by {@code ; } */
    static void acceptedOrRefused(SqlScalerFactory<?, ?> factory, TriggerConfig config, String refusal) {
        if (refusal == null) {
            assertThat(factory.parse(config).query()).isEqualTo("query");
            assertThat(factory.validate(config, Set.of()).errors()).isEmpty();
        } else {
            assertThatThrownBy(() -> factory.parse(config)).isInstanceOf(ScalerConfigException.class)
                    .hasMessage(config.label() + ": " + refusal);
            assertThat(factory.validate(config, Set.of()).errors()).extracting(TriggerCheck.Issue::message)
                    .containsExactly(refusal.split("; "));
        }
    }
}
