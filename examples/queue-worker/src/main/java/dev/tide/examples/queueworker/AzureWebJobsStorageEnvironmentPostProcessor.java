package dev.tide.examples.queueworker;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

/**
 * Lets the worker run on nothing but {@code AzureWebJobsStorage}, the connection string variable that Azure
 * Functions and the hello-keda Secret use: it becomes Spring Cloud Azure's connection string and queue endpoint.
 * The endpoint must be given explicitly: from a connection string alone, spring-cloud-azure 7.3.0 builds
 * {@code https://null.queue.core.windows.net}. Explicit {@code spring.cloud.azure.storage.queue.*} settings win.
 */
final class AzureWebJobsStorageEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String VARIABLE = "AzureWebJobsStorage";
    static final String PREFIX = "spring.cloud.azure.storage.queue.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new DerivedProperties(environment));
    }

    /**
     * Read lazily, so values that tests register after start-up are seen too. The environment is a field, not
     * the source: Boot expands a source that is itself an environment, which here would recurse forever.
     */
    private static final class DerivedProperties extends PropertySource<Object> {

        private final PropertyResolver environment;

        DerivedProperties(PropertyResolver environment) {
            super(VARIABLE, new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!name.startsWith(PREFIX)) {
                return null;
            }
            String connection = environment.getProperty(VARIABLE);
            if (connection == null || connection.isBlank()) {
                return null;
            }
            return switch (name.substring(PREFIX.length())) {
                case "connection-string" -> connection;
                case "endpoint" -> queueEndpoint(connection);
                default -> null;
            };
        }
    }

    /** {@code QueueEndpoint} when given, else {@code <protocol>://<account>.queue.<suffix>}. */
    static String queueEndpoint(String connection) {
        Map<String, String> settings = parse(connection);
        if (settings.containsKey("queueendpoint")) {
            return settings.get("queueendpoint");
        }
        if ("true".equalsIgnoreCase(settings.get("usedevelopmentstorage"))) {
            return "http://127.0.0.1:10001/devstoreaccount1";
        }
        return settings.getOrDefault("defaultendpointsprotocol", "https") + "://" + settings.get("accountname")
                + ".queue." + settings.getOrDefault("endpointsuffix", "core.windows.net");
    }

    private static Map<String, String> parse(String connection) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String part : connection.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                settings.put(part.substring(0, equals).trim().toLowerCase(Locale.ROOT), part.substring(equals + 1).trim());
            }
        }
        return settings;
    }
}
