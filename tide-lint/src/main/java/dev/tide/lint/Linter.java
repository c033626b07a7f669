package dev.tide.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tide.keda.api.ClusterTriggerAuthentication;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledObject;
import dev.tide.keda.api.ScaledObjectSpec;
import dev.tide.keda.api.SpecValidator;
import dev.tide.keda.api.TriggerAuthentication;
import dev.tide.keda.api.TriggerAuthenticationResource;
import dev.tide.keda.api.validation.Finding;
import dev.tide.keda.api.validation.KedaValidator;
import dev.tide.keda.api.validation.Occasion;
import dev.tide.keda.api.validation.Verdict;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One lint run over a list of files: every file is read first, so that the {@link FileClusterView} knows every
 * object before the first ScaledObject is checked (a duplicate target is found whichever file comes first). Then
 * each keda.sh object goes through {@link KedaValidator} with {@link Occasion#LINT}, and each finding gets the line
 * of the field it names.
 */
final class Linter {

    static final String TRIGGER_AUTHENTICATION = "TriggerAuthentication";
    static final String CLUSTER_TRIGGER_AUTHENTICATION = "ClusterTriggerAuthentication";
    static final String SCALED_JOB = KedaApi.SCALED_JOB_KIND;
    /** The keda.sh kinds the validator checks; the others (a later KEDA's) get a note. */
    static final Set<String> CHECKED_KINDS = Set.of(KedaApi.SCALED_OBJECT_KIND, SCALED_JOB, TRIGGER_AUTHENTICATION,
            CLUSTER_TRIGGER_AUTHENTICATION);

    private final KedaValidator validator;
    private final KubernetesSerialization serialization;
    private final ManifestReader reader;
    private final ClusterObjects clusterObjects;

    Linter(KedaValidator validator, KubernetesSerialization serialization, ManifestReader reader) {
        this.validator = validator;
        this.serialization = serialization;
        this.reader = reader;
        this.clusterObjects = new ClusterObjects(serialization);
    }

    /** @throws UncheckedIOException when a file cannot be read */
    LintReport lint(List<Path> files) {
        List<LintFinding> findings = new ArrayList<>();
        List<ManifestDocument> documents = new ArrayList<>();
        for (Path file : files) {
            try {
                ManifestReader.Contents contents = reader.read(file);
                documents.addAll(contents.documents());
                findings.addAll(contents.problems());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        FileClusterView cluster = new FileClusterView();
        List<Check> checks = new ArrayList<>();
        for (ManifestDocument document : documents) {
            if (KedaApi.GROUP.equals(document.group())) {
                checks.add(keda(document, cluster));
            } else if (ClusterObjects.used(document)) {
                clusterObjects.add(document, cluster).ifPresent(findings::add);
            }
        }
        int objects = 0;
        for (Check check : checks) {
            objects += check.counted() ? 1 : 0;
            findings.addAll(check.run().get());
        }
        return new LintReport(inFileOrder(findings, files), objects, files.size());
    }

    /**
     * What to do with one keda.sh object once every file is read.
     *
     * @param counted whether it counts among the objects checked (a kind lint skips does not)
     */
    private record Check(boolean counted, Supplier<List<LintFinding>> run) {
    }

    /**
     * The check of one keda.sh object, to run once every file is read. A ScaledObject joins the view now, so that the
     * others see it.
     */
    private Check keda(ManifestDocument document, FileClusterView cluster) {
        boolean clusterScoped = CLUSTER_TRIGGER_AUTHENTICATION.equals(document.kind());
        ObjectRef ref = new ObjectRef(document.kind(), clusterScoped ? null : document.namespace(),
                document.name().isEmpty() ? "(no name)" : document.name());
        Report report = new Report(document, ref);
        if (!CHECKED_KINDS.contains(document.kind())) {
            report.add(Severity.INFO, new Finding(null, "not checked: this version of Tide does not know this kind", "not-checked", true));
            return new Check(false, report::findings);
        }
        if (!KedaApi.VERSION.equals(document.version())) {
            report.error(Finding.tide("apiVersion", "invalid-spec", "\"" + document.apiVersion() + "\" is not served: KEDA's API is "
                    + KedaApi.API_VERSION));
            return new Check(true, report::findings);
        }
        Optional<ReadFailure> metadata = failure(document.content().path("metadata"), ObjectMeta.class, "metadata");
        if (metadata.isPresent()) {
            report.unreadable(metadata.get());
            return new Check(true, report::findings);
        }
        if (document.name().isEmpty()) {
            report.error(Finding.tide("metadata.name", "invalid-spec", "is required"));
        }
        if (SCALED_JOB.equals(document.kind())) {
            // KEDA's ScaledJob rules read no other object, so a ScaledJob neither joins the view nor looks at it.
            return new Check(true, () -> {
                read(report, ScaledJob.class).ifPresent(sj -> {
                    metadataStrings(sj.getSpec() == null ? List.of() : sj.getSpec().triggers(), report);
                    report.add(validator.scaledJob(sj));
                });
                return report.findings();
            });
        }
        if (!KedaApi.SCALED_OBJECT_KIND.equals(document.kind())) {
            Class<? extends TriggerAuthenticationResource> type = clusterScoped ? ClusterTriggerAuthentication.class
                    : TriggerAuthentication.class;
            return new Check(true, () -> {
                read(report, type).ifPresent(auth -> report.add(validator.triggerAuthentication(auth.getSpec(), clusterScoped)));
                return report.findings();
            });
        }
        Optional<ScaledObject> scaledObject = scaledObject(report);
        scaledObject.filter(so -> so.getSpec() != null).ifPresent(cluster::add);
        return new Check(true, () -> {
            scaledObject.ifPresent(so -> {
                metadataStrings(so.getSpec() == null ? List.of() : so.getSpec().triggers(), report);
                report.add(validator.scaledObject(so, Occasion.LINT, cluster));
            });
            return report.findings();
        });
    }

    private Optional<ScaledObject> scaledObject(Report report) {
        Optional<ScaledObject> read = read(report, ScaledObject.class);
        if (read.isEmpty()) {
            return read;
        }
        ScaledObject scaledObject = read.get();
        if (scaledObject.unreadable().isPresent()) {
            // Read the spec again for the exception itself: its path and types say more than the lenient reader's text.
            report.unreadable(failure(report.document().content().path("spec"), ScaledObjectSpec.class, "spec")
                    .orElseGet(() -> ReadFailure.parse(scaledObject.unreadable().get())));
            return Optional.empty();
        }
        scaledObject.getMetadata().setNamespace(report.document().namespace());
        return read;
    }

    /** The document as a {@code type}; empty, with the reason reported at its field, when it does not fit. */
    private <T> Optional<T> read(Report report, Class<T> type) {
        try {
            return Optional.of(serialization.convertValue(report.document().content(), type));
        } catch (IllegalArgumentException e) {
            report.unreadable(ReadFailure.of(e, ""));
            return Optional.empty();
        }
    }

    /** Why {@code part} cannot be read as a {@code type}; empty when it can (or is absent). */
    private Optional<ReadFailure> failure(JsonNode part, Class<?> type, String root) {
        if (part.isMissingNode() || part.isNull()) {
            return Optional.empty();
        }
        try {
            serialization.convertValue(part, type);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(ReadFailure.of(e, root));
        }
    }

    /**
     * Trigger metadata is a map of strings in KEDA's CRDs: the API server refuses {@code queueLength: 5}, while the
     * model would quietly read it as "5". The most common mistake in KEDA manifests, so lint names it.
     *
     * @param models the triggers as the model read them, for their names in the finding's field
     */
    private static void metadataStrings(List<ScaleTrigger> models, Report report) {
        JsonNode triggers = report.document().content().path("spec").path("triggers");
        for (int i = 0; i < triggers.size() && i < models.size(); i++) {
            if (models.get(i) == null) {
                continue;
            }
            String field = SpecValidator.triggerField(i, models.get(i)) + ".metadata.";
            triggers.get(i).path("metadata").fields().forEachRemaining(entry -> {
                JsonNode value = entry.getValue();
                if (!value.isTextual() && !value.isNull()) {
                    String type = value.isNumber() ? "a number" : value.isBoolean() ? "a boolean" : "not a string";
                    String hint = value.isValueNode() ? ": quote it, \"" + value.asText() + "\"" : "";
                    report.error(Finding.tide(field + entry.getKey(), "invalid-spec", "is " + type
                            + " but trigger metadata values must be strings (the API server refuses it)" + hint));
                }
            });
        }
    }

    /** In the order of the files given, then by line; findings on one line keep the validator's order. */
    private static List<LintFinding> inFileOrder(List<LintFinding> findings, List<Path> files) {
        Map<Path, Integer> order = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            order.putIfAbsent(files.get(i), i);
        }
        return findings.stream()
                .sorted(Comparator.comparingInt((LintFinding finding) -> order.getOrDefault(finding.file(), Integer.MAX_VALUE))
                        .thenComparingInt(LintFinding::line))
                .toList();
    }

    /** Collects the findings about one object, each placed on its field's line. */
    private static final class Report {

        private final ManifestDocument document;
        private final ObjectRef ref;
        private final List<LintFinding> findings = new ArrayList<>();

        Report(ManifestDocument document, ObjectRef ref) {
            this.document = document;
            this.ref = ref;
        }

        ManifestDocument document() {
            return document;
        }

        List<LintFinding> findings() {
            return findings;
        }

        void error(Finding finding) {
            add(Severity.ERROR, finding);
        }

        void unreadable(ReadFailure failure) {
            error(failure.finding("invalid-spec", "cannot be read: " + failure.message()));
        }

        void add(Verdict verdict) {
            verdict.errors().forEach(this::error);
            verdict.warnings().forEach(warning -> add(Severity.WARNING, warning));
        }

        void add(Severity severity, Finding finding) {
            findings.add(new LintFinding(document.file(), document.line(finding.field()), Optional.of(ref), severity, finding));
        }
    }
}
