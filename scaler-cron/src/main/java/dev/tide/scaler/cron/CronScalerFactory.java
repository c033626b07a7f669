package dev.tide.scaler.cron;

import dev.tide.scaler.api.Scaler;
import dev.tide.scaler.api.ScalerFactory;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import dev.tide.scaler.api.params.ParameterBinder;
import dev.tide.scaler.api.params.ParameterChecks;
import dev.tide.scaler.api.params.Source;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code type: cron}: {@code desiredReplicas} inside a time window, as KEDA's cron scaler. */
public final class CronScalerFactory implements ScalerFactory {

    private final Clock clock;

    /** Used by {@link java.util.ServiceLoader}: the system clock (the time zone is each trigger's own). */
    public CronScalerFactory() {
        this(Clock.systemUTC());
    }

    CronScalerFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return CronTrigger.TYPE;
    }

    @Override
    public Scaler create(TriggerConfig config) {
        return new CronScaler(CronTrigger.parse(config), clock);
    }

    @Override
    public List<Class<? extends Record>> parameterTypes() {
        return List.of(CronParameters.class);
    }

    /**
     * The binder's checks, then warnings for what KEDA admits but can never work: a {@code timezone} Go cannot load
     * (every poll fails) and a schedule that names no real date, such as {@code 0 0 30 2 *} (the trigger is never
     * active).
     */
    @Override
    public TriggerCheck validate(TriggerConfig config, Set<Source> unresolved) {
        TriggerCheck check = ParameterChecks.check(config, parameterTypes(), unresolved);
        if (!check.errors().isEmpty()) {
            return check;
        }
        CronParameters parameters = ParameterBinder.bind(config, CronParameters.class);
        List<TriggerCheck.Issue> warnings = new ArrayList<>();
        try {
            GoLocations.load(parameters.timezone());
        } catch (IllegalArgumentException e) {
            warnings.add(new TriggerCheck.Issue("timezone", "timezone \"" + parameters.timezone() + "\" cannot be loaded ("
                    + e.getMessage() + "): every poll of this trigger will fail with \"unable to load timezone\""));
        }
        neverFires("start", parameters.startSchedule(), warnings);
        neverFires("end", parameters.endSchedule(), warnings);
        return check.and(new TriggerCheck(List.of(), warnings));
    }

    private static void neverFires(String parameter, CronSchedule schedule, List<TriggerCheck.Issue> warnings) {
        if (!schedule.fires()) {
            warnings.add(new TriggerCheck.Issue(parameter, parameter + " schedule \"" + schedule.text()
                    + "\" names no date that exists, so it never fires and the trigger is never active"));
        }
    }
}
