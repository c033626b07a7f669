package dev.tide.scaler.cron;

import static dev.tide.scaler.cron.CronTriggers.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.Source;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The offline check the webhook, the reconciler and {@code tide lint} run: no clock, no poll. */
class CronScalerFactoryTest {

    private final CronScalerFactory factory = new CronScalerFactory();

    @Test
    void isFoundByServiceLoaderAsCron() {
        assertThat(ServiceLoader.load(ScalerFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> assertThat(found).isInstanceOf(CronScalerFactory.class)
                        .satisfies(cron -> assertThat(cron.type()).isEqualTo("cron")));
    }

    @Test
    void aCronTriggerAnswersFromMemorySoTheLoopReadsItOnItsOwnThread() {
        try (var scaler = factory.create(window("0 9 * * Mon-Fri", "0 17 * * Mon-Fri", "Europe/Berlin"))) {
            assertThat(scaler.answersFromMemory()).isTrue();
        }
    }

    @Test
    void aValidWindowHasNothingToReport() {
        assertThat(factory.validate(window("0 9 * * Mon-Fri", "0 17 * * Mon-Fri", "Europe/Berlin"), Set.of()))
                .isEqualTo(TriggerCheck.OK);
    }

    @Test
    void reportsEveryBadParameterAtOnceWithoutAnUnresolvedSourceMakingADifference() {
        TriggerConfig config = TriggerConfig.of("cron", 2,
                Map.of("start", "0 9 * * 7", "end", "@daily", "timezone", "Etc/UTC", "desiredReplicas", "0"));

        TriggerCheck check = factory.validate(config, EnumSet.allOf(Source.class));

        assertThat(check.errors()).extracting(TriggerCheck.Issue::message).containsExactly(
                "error parsing start schedule: end of range (7) above maximum (6): 7; "
                        + "error parsing end schedule: parser does not accept descriptors: @daily; "
                        + "no desiredReplicas specified");
        assertThat(check.warnings()).isEmpty();
    }

    @Test
    void aDesiredReplicasThatIsNoIntegerIsTheBindersError() {
        TriggerConfig config = window("0 9 * * *", "0 17 * * *", "Etc/UTC").toBuilder()
                .metadata(Map.of("start", "0 9 * * *", "end", "0 17 * * *", "timezone", "Etc/UTC", "desiredReplicas", "ten"))
                .build();

        assertThat(factory.validate(config, Set.of()).errors()).containsExactly(
                new TriggerCheck.Issue("desiredReplicas", "parameter \"desiredReplicas\" value \"ten\" must be an integer"));
    }

    /** KEDA admits a name it cannot load and fails at every poll: admitted here too, with a warning. */
    @Test
    void warnsOfATimezoneGoCannotLoad() {
        TriggerCheck check = factory.validate(window("0 9 * * *", "0 17 * * *", "GMT+5"), Set.of());

        assertThat(check.errors()).isEmpty();
        assertThat(check.warnings()).containsExactly(new TriggerCheck.Issue("timezone", "timezone \"GMT+5\" cannot be loaded"
                + " (unknown time zone GMT+5): every poll of this trigger will fail with \"unable to load timezone\""));
    }

    @Test
    void warnsOfSchedulesThatNeverFire() {
        TriggerCheck check = factory.validate(window("0 0 30 2 *", "0 0 31 4 *", "Etc/UTC"), Set.of());

        assertThat(check.errors()).isEmpty();
        assertThat(check.warnings()).extracting(TriggerCheck.Issue::parameter).containsExactly("start", "end");
        assertThat(check.warnings().get(0).message())
                .isEqualTo("start schedule \"0 0 30 2 *\" names no date that exists, so it never fires and the trigger is never active");
    }

    @Test
    void warnsOfMetadataThatIsNoParameterOfTheCronScaler() {
        Map<String, String> metadata = new HashMap<>(window("0 9 * * *", "0 17 * * *", "Etc/UTC").metadata());
        metadata.put("timeZone", "Europe/Berlin");

        assertThat(factory.validate(TriggerConfig.of("cron", 0, metadata), Set.of()).warnings()).containsExactly(
                new TriggerCheck.Issue("timeZone", "parameter \"timeZone\" is not a parameter of the cron scaler and is ignored"));
    }

    /** Go's names: UTC, the empty name, Local, and IANA names, including the three Java keeps out of its list. */
    @Test
    void loadsTheZoneNamesGoLoads() {
        for (String name : new String[] {"UTC", "Local", "Etc/UTC", "America/New_York", "US/Eastern", "EST", "EST5EDT"}) {
            assertThat(factory.validate(window("0 9 * * *", "0 17 * * *", name), Set.of())).as(name).isEqualTo(TriggerCheck.OK);
        }
    }
}
