package dev.tide.scaler.api.params;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The binder as a check (SPI 1.3): what is wrong, collected; what may come from an unread source, not asked for. */
class ParameterChecksTest {

    record Queue(
            @Param(aliases = "queue") String queueName,
            @Param(order = {Source.AUTH_PARAMS, Source.TRIGGER_METADATA}) String connection,
            @Param(defaultValue = "5", min = 1) int queueLength,
            @Param(optional = true, deprecated = "use queueName") String oldName) {

        Queue {
            if (queueName != null && queueName.equals(connection)) {
                throw new IllegalArgumentException("queueName and connection must differ");
            }
        }
    }

    private static TriggerCheck check(Map<String, String> metadata, Set<Source> unresolved) {
        return ParameterChecks.check(TriggerConfig.of("queue", 0, metadata), List.of(Queue.class), unresolved);
    }

    @Test
    void everyBadParameterIsReportedAtOnceByName() {
        TriggerCheck check = check(Map.of("queueLength", "0"), Set.of());

        assertThat(check.errors()).containsExactly(
                new TriggerCheck.Issue("queueName", "missing required parameter \"queueName\" in [triggerMetadata]"),
                new TriggerCheck.Issue("connection", "missing required parameter \"connection\" in [authParams, triggerMetadata]"),
                new TriggerCheck.Issue("queueLength", "parameter \"queueLength\" value \"0\" must be at least 1"));
    }

    @Test
    void aParameterTheAuthenticationMaySupplyIsNotAskedForAndTheRecordsOwnRuleWaitsForIt() {
        TriggerCheck check = check(Map.of("queueName", "orders"), EnumSet.of(Source.AUTH_PARAMS));

        assertThat(check.errors()).isEmpty();
    }

    @Test
    void theRecordsOwnRuleRunsWhenEveryValueIsKnown() {
        TriggerCheck check = check(Map.of("queueName", "same", "connection", "same"), Set.of());

        assertThat(check.errors()).containsExactly(new TriggerCheck.Issue(null, "queueName and connection must differ"));
    }

    @Test
    void deprecatedAndUnknownKeysAreWarnings() {
        TriggerCheck check = check(Map.of("queueName", "orders", "connection", "c", "oldName", "x", "queueLenght", "9"), Set.of());

        assertThat(check.errors()).isEmpty();
        assertThat(check.warnings()).containsExactly(
                new TriggerCheck.Issue("oldName", "parameter \"oldName\" is deprecated: use queueName"),
                new TriggerCheck.Issue("queueLenght", "parameter \"queueLenght\" is not a parameter of the queue scaler and is ignored"));
    }

    @Test
    void aliasesAndFromEnvSpellingsAreKnownKeys() {
        TriggerCheck check = check(Map.of("queue", "orders", "connectionFromEnv", "CONN"), EnumSet.of(Source.RESOLVED_ENV));

        assertThat(check.warnings()).isEmpty();
    }
}
