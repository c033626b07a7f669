package dev.tide.servicetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every {@code tide.*} property a service binds or names has IDE metadata with a description: the configuration
 * processor generates it from the properties records' Javadoc. The bound names are found here independently of the
 * processor: the components of every {@code @ConfigurationProperties} record under {@code dev.tide}, the
 * {@code ${tide...}} placeholders and {@code @ConditionalOnProperty} names in the sources, and the keys of
 * {@code application.yaml}. Paths are relative to the service's module folder, where Surefire runs its tests.
 */
public final class PropertiesMetadata {

    private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    private static final Pattern NAMED_IN_SOURCE =
            Pattern.compile("(?:\\$\\{|ConditionalOnProperty\\([^)]*\")(tide\\.[a-z0-9.-]*[a-z0-9])");

    /**
     * Fails unless every {@code tide.*} property of the service whose module folder the test runs in has a
     * description in the processor's metadata.
     *
     * @param expectedBound names the properties records must bind, so that a scan that finds nothing fails
     */
    public static void assertEveryTidePropertyIsDescribed(String... expectedBound) throws IOException {
        Set<String> named = new TreeSet<>(boundByRecords());
        assertThat(named).as("properties bound by @ConfigurationProperties records").contains(expectedBound);
        named.addAll(namedInSources());
        named.addAll(setInApplicationYaml());

        Map<String, String> described = described();
        assertThat(named).allSatisfy(name -> assertThat(described.get(name))
                .as("description of %s in %s", name, METADATA).isNotBlank()
                // The processor copies Javadoc as it is; an IDE would show the tag, not the code.
                .doesNotContain("{@"));
    }

    /** Property name to description, as the processor wrote them (empty when it found no Javadoc). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> described() throws IOException {
        var properties = (List<Map<String, Object>>) JsonParserFactory.getJsonParser()
                .parseMap(Files.readString(METADATA)).get("properties");
        return properties.stream().collect(Collectors.toMap(p -> (String) p.get("name"),
                p -> (String) p.getOrDefault("description", ""), (a, b) -> a));
    }

    private static Set<String> boundByRecords() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> names = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("dev.tide")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            if (prefix.startsWith("tide.")) {
                addComponents(prefix, type, names);
            }
        }
        return names;
    }

    /** A nested record of ours is a group of properties, anything else one property (as the binder sees them). */
    private static void addComponents(String prefix, Class<?> type, Set<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
            Class<?> value = component.getType();
            if (value.isRecord() && value.getPackageName().startsWith("dev.tide")) {
                addComponents(name, value, names);
            } else {
                names.add(name);
            }
        }
    }

    private static Set<String> namedInSources() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher matcher = NAMED_IN_SOURCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    private static Set<String> setInApplicationYaml() throws IOException {
        Set<String> names = new TreeSet<>();
        var resource = new FileSystemResource("src/main/resources/application.yaml");
        for (var source : new YamlPropertySourceLoader().load("application", resource)) {
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                if (name.startsWith("tide.")) {
                    names.add(name.replaceAll("\\[\\d+]$", ""));
                }
            }
        }
        return names;
    }

    private PropertiesMetadata() {
    }
}
