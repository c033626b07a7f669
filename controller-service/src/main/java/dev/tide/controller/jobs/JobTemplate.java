package dev.tide.controller.jobs;

import dev.tide.keda.api.Annotations;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaledJob;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Job as KEDA's {@code generateJobs} makes it from a ScaledJob: {@code <scaledjob>-} names, KEDA's labels (the
 * ScaledJob's own ones added, minus {@code scaledjob.keda.sh/job-excluded-labels}), the generation annotation (the
 * ScaledJob's annotations added), the ScaledJob as controlling owner, its {@code jobTargetRef} as spec with the pod
 * template labelled, and {@code OnFailure} when no restart policy is given (a Job refuses {@code Always}).
 */
final class JobTemplate {

    /** The API server's {@code SimpleNameGenerator} alphabet: no vowels, no look-alike digits. */
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private JobTemplate() {
    }

    /**
     * @param suffix the five characters the API server would append for {@code generateName}; chosen here because
     *     not every API server (the fabric8 mock server) generates names
     */
    static Job job(ScaledJob scaledJob, String operatorVersion, String suffix) {
        String name = scaledJob.getMetadata().getName();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KedaApi.LABEL_NAME, name);
        labels.put(KedaApi.LABEL_VERSION, operatorVersion);
        labels.put(KedaApi.LABEL_PART_OF, name);
        labels.put(KedaApi.LABEL_MANAGED_BY, KedaApi.MANAGED_BY);
        labels.put(KedaApi.SCALED_JOB_NAME_LABEL, name);
        Map<String, String> own = scaledJob.getMetadata().getLabels();
        if (own != null) {
            Set<String> excluded = Annotations.names(scaledJob, KedaApi.JOB_EXCLUDED_LABELS);
            own.forEach((key, value) -> {
                if (!excluded.contains(key)) {
                    labels.put(key, value);
                }
            });
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(KedaApi.SCALED_JOB_GENERATION_ANNOTATION, Long.toString(generation(scaledJob)));
        if (scaledJob.getMetadata().getAnnotations() != null) {
            annotations.putAll(scaledJob.getMetadata().getAnnotations());
        }
        return new JobBuilder()
                .withNewMetadata()
                .withGenerateName(name + "-")
                .withName(name + "-" + suffix)
                .withNamespace(scaledJob.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(KedaApi.API_VERSION)
                        .withKind(KedaApi.SCALED_JOB_KIND)
                        .withName(name)
                        .withUid(scaledJob.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .endMetadata()
                .withSpec(spec(scaledJob))
                .build();
    }

    /** Five random characters of the API server's alphabet. */
    static String randomSuffix() {
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(NAME_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(NAME_ALPHABET.length())));
        }
        return suffix.toString();
    }

    static long generation(ScaledJob scaledJob) {
        Long generation = scaledJob.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    private static JobSpec spec(ScaledJob scaledJob) {
        JobSpecBuilder spec = new JobSpecBuilder(scaledJob.getSpec().jobTargetRef());
        Map<String, String> templateLabels = new HashMap<>();
        var template = scaledJob.getSpec().jobTargetRef().getTemplate();
        if (template != null && template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            templateLabels.putAll(template.getMetadata().getLabels());
        }
        templateLabels.put(KedaApi.SCALED_JOB_NAME_LABEL, scaledJob.getMetadata().getName());
        spec.editOrNewTemplate()
                .editOrNewMetadata().withLabels(templateLabels).endMetadata()
                .endTemplate();
        JobSpec built = spec.build();
        var podSpec = built.getTemplate().getSpec();
        if (podSpec != null && (podSpec.getRestartPolicy() == null || podSpec.getRestartPolicy().isEmpty())) {
            podSpec.setRestartPolicy("OnFailure");
        }
        return built;
    }
}
