package dev.tide.scaler.api.params;

import dev.tide.scaler.api.ScalerConfigException;
import dev.tide.scaler.api.TriggerCheck;
import dev.tide.scaler.api.TriggerConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The binder run as a check (SPI 1.3): every parameter of every record bound as {@link ParameterBinder#bind} would,
 * nothing built and nothing connected, with what is wrong collected instead of thrown.
 */
public final class ParameterChecks {

    private ParameterChecks() {
    }

    /**
     * @param unresolved sources the caller could not read; a required parameter that may come from one of them is not
     *     reported missing, and when any parameter may, the record's own cross-parameter validation is skipped (it would
     *     see a gap)
     */
    public static TriggerCheck check(TriggerConfig trigger, List<Class<? extends Record>> recordTypes, Set<Source> unresolved) {
        List<TriggerCheck.Issue> errors = new ArrayList<>();
        List<TriggerCheck.Issue> warnings = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (Class<? extends Record> recordType : recordTypes) {
            checkRecord(trigger, recordType, unresolved, errors, warnings);
            for (ParameterDescriptor parameter : ParameterBinder.describe(recordType)) {
                for (String name : names(parameter)) {
                    known.add(name);
                    known.add(name + "FromEnv");
                }
            }
        }
        if (!recordTypes.isEmpty()) {
            trigger.metadata().keySet().stream()
                    .filter(key -> !known.contains(key))
                    .sorted()
                    .forEach(key -> warnings.add(new TriggerCheck.Issue(key, "parameter \"" + key
                            + "\" is not a parameter of the " + trigger.type() + " scaler and is ignored")));
        }
        return new TriggerCheck(errors, warnings);
    }

    private static void checkRecord(TriggerConfig trigger, Class<? extends Record> recordType, Set<Source> unresolved,
            List<TriggerCheck.Issue> errors, List<TriggerCheck.Issue> warnings) {
        List<ParameterDescriptor> parameters = ParameterBinder.describe(recordType);
        Object[] arguments = new Object[parameters.size()];
        boolean complete = true;
        int errorsBefore = errors.size();
        for (int i = 0; i < parameters.size(); i++) {
            ParameterDescriptor parameter = parameters.get(i);
            ParameterBinder.Bound bound = ParameterBinder.bindOne(trigger, parameter);
            arguments[i] = bound.value();
            if (bound.deprecatedUsed()) {
                warnings.add(new TriggerCheck.Issue(parameter.name(), "parameter \"" + parameter.name() + "\" is deprecated: "
                        + parameter.deprecated().get()));
            }
            if (bound.missing() && mayBeUnresolved(trigger, parameter, unresolved)) {
                // Even an optional value may be what the record's own rules need (a SASL password, say).
                complete = false;
                continue;
            }
            bound.problem().ifPresent(problem -> errors.add(new TriggerCheck.Issue(parameter.name(), problem)));
        }
        if (complete && errors.size() == errorsBefore) {
            try {
                ParameterBinder.construct(trigger, recordType, parameters, arguments);
            } catch (ScalerConfigException e) {
                e.problems().forEach(problem -> errors.add(new TriggerCheck.Issue(null, problem)));
            }
        }
    }

    /** The value could come from a source the caller cannot read: the trigger's authentication or the target's env. */
    private static boolean mayBeUnresolved(TriggerConfig trigger, ParameterDescriptor parameter, Set<Source> unresolved) {
        for (Source source : parameter.order()) {
            if (!unresolved.contains(source)) {
                continue;
            }
            if (source == Source.AUTH_PARAMS) {
                return true;
            }
            if (source == Source.RESOLVED_ENV && names(parameter).stream().anyMatch(n -> trigger.metadata().containsKey(n + "FromEnv"))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(ParameterDescriptor parameter) {
        List<String> names = new ArrayList<>();
        names.add(parameter.name());
        names.addAll(parameter.aliases());
        return names;
    }
}
