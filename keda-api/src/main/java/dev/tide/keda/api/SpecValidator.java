package dev.tide.keda.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a ScaledObject's or a trigger authentication's spec before anything acts on it: the bounds KEDA's schema and
 * webhook set, and that every name which will reach an API path is a valid Kubernetes name. A pure function with no
 * I/O, shared by the reconciler, the admission webhook and {@code tide lint}. Objects can pre-date the CRD schema or
 * come from a cluster without it, so nothing here trusts the schema to have run.
 *
 * <p>Every problem names the field, and for triggers the trigger (index, type and name), e.g.
 * {@code spec.triggers[1] (kafka "orders").metadata.topic: must not be null}.
 */
public final class SpecValidator {

    /** More triggers than this is a mistake, not a configuration: each one is a scaler and a connection. */
    public static final int MAX_TRIGGERS = 64;
    /** Metadata entries per trigger. */
    public static final int MAX_METADATA_ENTRIES = 128;
    /** Characters in one metadata value (a query or a certificate fits; a file does not). */
    public static final int MAX_METADATA_VALUE = 16_384;

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /**
     * An optional group (a DNS-1123 subdomain) and a version, which Kubernetes only requires to be a DNS-1035 label:
     * a CRD may name its versions {@code v1}, {@code v2beta1} or {@code stable}, and KEDA admits any of them.
     */
    private static final Pattern API_VERSION = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Kubernetes' rule for a CRD's kind: mixed case, otherwise a DNS-1035 label ({@code Deployment}, {@code custom-kind}). */
    private static final Pattern KIND = Pattern.compile("[A-Za-z]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?");
    private static final Pattern TRIGGER_TYPE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /**
     * One thing wrong with a spec: where, and what.
     *
     * @param wording {@link Wording#KEDA} for KEDA's own messages, which name their fields already and are kept as
     *     KEDA writes them
     */
    public record Problem(String field, String message, Wording wording) {

        Problem(String field, String message) {
            this(field, message, Wording.FIELD_FIRST);
        }

        @Override
        public String toString() {
            return wording == Wording.KEDA ? message : field + ": " + message;
        }
    }

    /** How a problem reads in a condition or an event. */
    public enum Wording {
        /** {@code spec.pollingInterval: must be at least 1, got 0} */
        FIELD_FIRST,
        /** KEDA's message as KEDA writes it, e.g. {@code MinReplicaCount=5 must be less than MaxReplicaCount=2} */
        KEDA
    }

    private SpecValidator() {
    }

    /** Everything wrong with a ScaledObject's spec, in field order; empty when it may be acted on. */
    public static List<Problem> problems(ScaledObjectSpec spec) {
        List<Problem> problems = new ArrayList<>();
        if (spec == null) {
            problems.add(new Problem("spec", "is required"));
            return problems;
        }
        target(spec.scaleTargetRef(), problems);
        atLeast(spec.pollingInterval(), 1, "spec.pollingInterval", problems);
        atLeast(spec.initialCooldownPeriod(), 0, "spec.initialCooldownPeriod", problems);
        atLeast(spec.cooldownPeriod(), 0, "spec.cooldownPeriod", problems);
        atLeast(spec.idleReplicaCount(), 0, "spec.idleReplicaCount", problems);
        atLeast(spec.minReplicaCount(), 0, "spec.minReplicaCount", problems);
        atLeast(spec.maxReplicaCount(), 1, "spec.maxReplicaCount", problems);
        replicaBounds(spec, problems);
        if (spec.advanced() != null && spec.advanced().horizontalPodAutoscalerConfig() != null) {
            String hpaName = spec.advanced().horizontalPodAutoscalerConfig().name();
            if (hpaName != null && !hpaName.isEmpty()) {
                name(hpaName, DNS_SUBDOMAIN, 253, "spec.advanced.horizontalPodAutoscalerConfig.name", problems);
            }
        }
        triggers(spec.triggers(), problems);
        if (spec.fallback() != null) {
            required(spec.fallback().failureThreshold(), "spec.fallback.failureThreshold", problems);
            atLeast(spec.fallback().failureThreshold(), 0, "spec.fallback.failureThreshold", problems);
            required(spec.fallback().replicas(), "spec.fallback.replicas", problems);
            atLeast(spec.fallback().replicas(), 0, "spec.fallback.replicas", problems);
        }
        return problems;
    }

    /** Everything wrong with a ScaledJob's spec, in field order; empty when it may be acted on. */
    public static List<Problem> problems(ScaledJobSpec spec) {
        List<Problem> problems = new ArrayList<>();
        if (spec == null) {
            problems.add(new Problem("spec", "is required"));
            return problems;
        }
        required(spec.jobTargetRef(), "spec.jobTargetRef", problems);
        atLeast(spec.pollingInterval(), 1, "spec.pollingInterval", problems);
        atLeast(spec.successfulJobsHistoryLimit(), 0, "spec.successfulJobsHistoryLimit", problems);
        atLeast(spec.failedJobsHistoryLimit(), 0, "spec.failedJobsHistoryLimit", problems);
        atLeast(spec.minReplicaCount(), 0, "spec.minReplicaCount", problems);
        atLeast(spec.maxReplicaCount(), 1, "spec.maxReplicaCount", problems);
        if (spec.envSourceContainerName() != null && !spec.envSourceContainerName().isEmpty()) {
            name(spec.envSourceContainerName(), DNS_LABEL, 63, "spec.envSourceContainerName", problems);
        }
        triggers(spec.triggers(), problems);
        return problems;
    }

    /** Everything wrong with a (Cluster)TriggerAuthentication's spec: the names it reads Secrets and ConfigMaps by. */
    public static List<Problem> problems(TriggerAuthenticationSpec spec) {
        List<Problem> problems = new ArrayList<>();
        if (spec == null) {
            return problems;
        }
        targetRefs(spec.secretTargetRef(), "spec.secretTargetRef", problems);
        targetRefs(spec.configMapTargetRef(), "spec.configMapTargetRef", problems);
        for (int i = 0; i < spec.env().size(); i++) {
            var env = spec.env().get(i);
            String field = "spec.env[" + i + "]";
            if (env == null) {
                problems.add(new Problem(field, "must not be null"));
            } else if (env.containerName() != null && !env.containerName().isEmpty()) {
                name(env.containerName(), DNS_LABEL, 63, field + ".containerName", problems);
            }
        }
        return problems;
    }

    /**
     * KEDA's {@code CheckReplicaCountBoundsAreValid}, with KEDA's messages: an explicit minimum counts as at least 1
     * against the maximum and the idle count, as for the HPA.
     */
    private static void replicaBounds(ScaledObjectSpec spec, List<Problem> problems) {
        if (spec.minReplicaCount() != null && spec.minReplicaCount() < 0 || spec.maxReplicaCount() != null && spec.maxReplicaCount() < 1
                || spec.idleReplicaCount() != null && spec.idleReplicaCount() < 0) {
            return;
        }
        int min = spec.minReplicaCount() == null ? 0 : spec.hpaMinReplicas();
        int max = spec.maxReplicaCountOrDefault();
        if (min > max) {
            problems.add(new Problem("spec.minReplicaCount", "MinReplicaCount=" + min + " must be less than MaxReplicaCount=" + max,
                    Wording.KEDA));
        }
        if (spec.idleReplicaCount() != null && spec.idleReplicaCount() >= min) {
            problems.add(new Problem("spec.idleReplicaCount",
                    "IdleReplicaCount=" + spec.idleReplicaCount() + " must be less than MinReplicaCount=" + min, Wording.KEDA));
        }
    }

    private static void target(ScaleTarget target, List<Problem> problems) {
        if (target == null) {
            problems.add(new Problem("spec.scaleTargetRef", "is required"));
            return;
        }
        if (target.name() == null || target.name().isEmpty()) {
            problems.add(new Problem("spec.scaleTargetRef.name", "is required"));
        } else {
            name(target.name(), DNS_SUBDOMAIN, 253, "spec.scaleTargetRef.name", problems);
        }
        if (target.apiVersion() != null && !target.apiVersion().isEmpty() && !API_VERSION.matcher(target.apiVersion()).matches()) {
            problems.add(new Problem("spec.scaleTargetRef.apiVersion", "\"" + clip(target.apiVersion())
                    + "\" is not an API version (group/version, e.g. apps/v1)"));
        }
        if (target.kind() != null && !target.kind().isEmpty() && !KIND.matcher(target.kind()).matches()) {
            problems.add(new Problem("spec.scaleTargetRef.kind", "\"" + clip(target.kind()) + "\" is not a kind (e.g. Deployment)"));
        }
        if (target.envSourceContainerName() != null && !target.envSourceContainerName().isEmpty()) {
            name(target.envSourceContainerName(), DNS_LABEL, 63, "spec.scaleTargetRef.envSourceContainerName", problems);
        }
    }

    private static void triggers(List<ScaleTrigger> triggers, List<Problem> problems) {
        if (triggers.size() > MAX_TRIGGERS) {
            problems.add(new Problem("spec.triggers", "has " + triggers.size() + " triggers; at most " + MAX_TRIGGERS + " are allowed"));
            return;
        }
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger trigger = triggers.get(i);
            if (trigger == null) {
                problems.add(new Problem("spec.triggers[" + i + "]", "must not be null"));
                continue;
            }
            String field = triggerField(i, trigger);
            if (trigger.type() == null || trigger.type().isEmpty()) {
                problems.add(new Problem(field + ".type", "is required"));
            } else if (trigger.type().length() > 63 || !TRIGGER_TYPE.matcher(trigger.type()).matches()) {
                problems.add(new Problem(field + ".type", "\"" + clip(trigger.type()) + "\" is not a trigger type (lowercase letters, digits and '-')"));
            }
            metadata(trigger.metadata(), field, problems);
            if (trigger.authenticationRef() != null) {
                String name = trigger.authenticationRef().name();
                if (name == null || name.isEmpty()) {
                    problems.add(new Problem(field + ".authenticationRef.name", "is required"));
                } else {
                    name(name, DNS_SUBDOMAIN, 253, field + ".authenticationRef.name", problems);
                }
            }
        }
    }

    private static void metadata(Map<String, String> metadata, String field, List<Problem> problems) {
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            problems.add(new Problem(field + ".metadata", "has " + metadata.size() + " entries; at most " + MAX_METADATA_ENTRIES
                    + " are allowed"));
            return;
        }
        metadata.forEach((key, value) -> {
            if (key == null || key.isEmpty()) {
                problems.add(new Problem(field + ".metadata", "has an entry without a name"));
            } else if (value == null) {
                problems.add(new Problem(field + ".metadata." + clip(key), "must not be null"));
            } else if (value.length() > MAX_METADATA_VALUE) {
                problems.add(new Problem(field + ".metadata." + clip(key), "is " + value.length() + " characters long; at most "
                        + MAX_METADATA_VALUE + " are allowed"));
            }
        });
    }

    private static void targetRefs(List<TriggerAuthenticationSpec.TargetRef> refs, String field, List<Problem> problems) {
        for (int i = 0; i < refs.size(); i++) {
            var ref = refs.get(i);
            String at = field + "[" + i + "]";
            if (ref == null) {
                problems.add(new Problem(at, "must not be null"));
            } else if (ref.name() == null || ref.name().isEmpty()) {
                problems.add(new Problem(at + ".name", "is required"));
            } else {
                name(ref.name(), DNS_SUBDOMAIN, 253, at + ".name", problems);
            }
        }
    }

    /** {@code spec.triggers[1] (kafka "orders")}: the index, the type and the name when there is one. */
    public static String triggerField(int index, ScaleTrigger trigger) {
        String type = trigger.type() == null || trigger.type().isEmpty() ? "no type" : clip(trigger.type());
        String name = trigger.name() == null || trigger.name().isEmpty() ? "" : " \"" + clip(trigger.name()) + "\"";
        return "spec.triggers[" + index + "] (" + type + name + ")";
    }

    private static void name(String value, Pattern rule, int maxLength, String field, List<Problem> problems) {
        if (value.length() > maxLength || !rule.matcher(value).matches()) {
            String what = rule == DNS_LABEL ? "a DNS-1123 label" : "a DNS-1123 subdomain";
            problems.add(new Problem(field, "\"" + clip(value) + "\" is not a valid name: it must be " + what
                    + " (lowercase letters, digits, '-'" + (rule == DNS_LABEL ? "" : " and '.'") + ", at most " + maxLength
                    + " characters, starting and ending with a letter or digit)"));
        }
    }

    private static void atLeast(Integer value, int minimum, String field, List<Problem> problems) {
        if (value != null && value < minimum) {
            problems.add(new Problem(field, "must be at least " + minimum + ", got " + value));
        }
    }

    private static void required(Object value, String field, List<Problem> problems) {
        if (value == null) {
            problems.add(new Problem(field, "is required"));
        }
    }

    /** A bad value is quoted, but never at length: it goes into conditions, events and logs. */
    private static String clip(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
