package dev.tide.keda.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs fabric8's CRD generator over the keda.sh types; the Helm chart's files/crds/ folder holds its output. */
final class GeneratedCrds {

    static final Path CHART_CRDS = Path.of("..", "helm", "tide", "files", "crds");
    static final String REGENERATE =
            "./mvnw -pl keda-api -am test -Dtest=CrdYamlIsCurrentTest -Dsurefire.failIfNoSpecifiedTests=false -Dtide.crds.update=true";

    private GeneratedCrds() {
    }

    /** File name to YAML text, e.g. {@code scaledobjects.keda.sh-v1.yml}. */
    static Map<String, String> generate() {
        try {
            Path dir = Files.createTempDirectory("tide-crds");
            new CRDGenerator()
                    .customResourceClasses(ScaledObject.class, ScaledJob.class, TriggerAuthentication.class, ClusterTriggerAuthentication.class)
                    .forCRDVersions("v1")
                    .withParallelGenerationEnabled(false)
                    .withPostProcessor(new CRDPostProcessor() {
                        @Override
                        public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
                            return printerColumnsInDeclarationOrder(crd);
                        }
                    })
                    .inOutputDir(dir.toFile())
                    .generate();
            Map<String, String> files = new TreeMap<>();
            try (Stream<Path> list = Files.list(dir)) {
                for (Path file : list.toList()) {
                    files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
                    Files.delete(file);
                }
            }
            Files.delete(dir);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The generator sorts printer columns by name; kubectl shows them in CRD order, and KEDA's order is the one
     * users know (ScaleTargetKind, ScaleTargetName, Min, Max, Ready, ...), so keep the order of the annotations.
     */
    private static HasMetadata printerColumnsInDeclarationOrder(HasMetadata crd) {
        CustomResourceDefinition definition = (CustomResourceDefinition) crd;
        Class<?> type = Stream.of(ScaledObject.class, ScaledJob.class, TriggerAuthentication.class, ClusterTriggerAuthentication.class)
                .filter(c -> c.getSimpleName().equals(definition.getSpec().getNames().getKind()))
                .findFirst()
                .orElseThrow();
        // The generator reads the columns of the class and then of its superclasses; so does this order.
        List<String> order = Stream.<Class<?>>iterate(type, c -> c != null, Class::getSuperclass)
                .flatMap(c -> Stream.of(c.getAnnotationsByType(AdditionalPrinterColumn.class)))
                .map(AdditionalPrinterColumn::name)
                .toList();
        for (CustomResourceDefinitionVersion v : definition.getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = new ArrayList<>(v.getAdditionalPrinterColumns());
            columns.sort(Comparator.comparingInt(c -> order.indexOf(c.getName())));
            v.setAdditionalPrinterColumns(columns);
        }
        return crd;
    }
}
