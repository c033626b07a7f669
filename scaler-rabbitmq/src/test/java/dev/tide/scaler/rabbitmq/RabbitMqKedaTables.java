package dev.tide.scaler.rabbitmq;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * KEDA's tables from {@code pkg/scalers/rabbitmq_scaler_test.go} (KEDA commit {@code 8b4f083}), converted row for row
 * by a script; each name is {@code #<row> <KEDA's comment>}. {@link RabbitMqKedaParityTest} runs them.
 */
final class RabbitMqKedaTables {

    /** KEDA's {@code host}, {@code rabbitMQUsername} and {@code rabbitMQPassword}: names of environment variables. */
    static final String HOST = "myHostSecret";
    static final String USERNAME_ENV = "myUsernameSecret";
    static final String PASSWORD_ENV = "myPasswordSecret";

    /** KEDA's {@code sampleRabbitMqResolvedEnv}. */
    static final Map<String, String> RESOLVED_ENV = Map.of(HOST, "amqp://user:sercet@somehost.com:5236/vhost",
            USERNAME_ENV, "user", PASSWORD_ENV, "Password");

    /** {@code parseRabbitMQMetadataTestData}. */
    record MetadataRow(String name, Map<String, String> metadata, boolean isError, Map<String, String> authParams) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code parseRabbitMQAuthParamTestData}; {@code podIdentity} is the provider or null. */
    record AuthRow(String name, Map<String, String> metadata, String podIdentity, Map<String, String> authParams,
            boolean isError, String enableTls, boolean workloadIdentity) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code getQueueInfoTestData}: an answer of the management API and whether it makes the trigger active. */
    record QueueRow(String name, String response, int responseStatus, boolean isActive, Map<String, String> extraMetadata) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code resolvedVhostAndPathTestData}. */
    record VhostRow(String name, String rawPath, String overrideVhost, String resolvedVhostPath, String resolvedPath) {
        @Override
        public String toString() {
            return name;
        }
    }

    private RabbitMqKedaTables() {
    }

    /** A mutable map from key-value pairs (Map.of stops at ten and refuses nothing but duplicates). */
    static Map<String, String> m(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static final List<MetadataRow> METADATA = List.of(
            new MetadataRow("#0 nothing passed", m(), true, m()),
            new MetadataRow("#1 properly formed metadata", m("queueLength", "10", "queueName", "sample", "hostFromEnv", HOST), false, m()),
            new MetadataRow("#2 malformed queueLength", m("queueLength", "AA", "queueName", "sample", "hostFromEnv", HOST), true, m()),
            new MetadataRow("#3 missing host", m("queueLength", "AA", "queueName", "sample"), true, m()),
            new MetadataRow("#4 missing queueName", m("queueLength", "10", "hostFromEnv", HOST), true, m()),
            new MetadataRow("#5 host defined in authParams", m("queueLength", "10", "hostFromEnv", HOST), true, m("host", HOST)),
            new MetadataRow("#6 properly formed metadata with http protocol", m("queueLength", "10", "queueName", "sample", "host", HOST, "protocol", "http"), false, m()),
            new MetadataRow("#7 queue name with slashes", m("queueLength", "10", "queueName", "namespace/name", "hostFromEnv", HOST), false, m()),
            new MetadataRow("#8 vhost passed", m("vhostName", "myVhost", "queueName", "namespace/name", "hostFromEnv", HOST), false, m()),
            new MetadataRow("#9 vhost passed but empty", m("vhostName", "", "queueName", "namespace/name", "hostFromEnv", HOST), false, m()),
            new MetadataRow("#10 protocol defined in authParams", m("queueName", "sample", "hostFromEnv", HOST), false, m("protocol", "http")),
            new MetadataRow("#11 auto protocol and a bad URL", m("queueName", "sample", "host", "something://"), true, m()),
            new MetadataRow("#12 auto protocol and an HTTP URL", m("queueName", "sample", "host", "http://"), false, m()),
            new MetadataRow("#13 auto protocol and an HTTPS URL", m("queueName", "sample", "host", "https://"), false, m()),
            new MetadataRow("#14 queueLength and mode", m("queueLength", "10", "mode", "QueueLength", "queueName", "sample", "host", "https://"), true, m()),
            new MetadataRow("#15 queueLength and value", m("queueLength", "10", "value", "20", "queueName", "sample", "host", "https://"), true, m()),
            new MetadataRow("#16 queueLength and mode and value", m("queueLength", "10", "mode", "QueueLength", "value", "20", "queueName", "sample", "host", "https://"), true, m()),
            new MetadataRow("#17 only mode", m("mode", "QueueLength", "queueName", "sample", "host", "https://"), true, m()),
            new MetadataRow("#18 only value", m("value", "20", "queueName", "sample", "host", "https://"), true, m()),
            new MetadataRow("#19 mode and value", m("mode", "QueueLength", "value", "20", "queueName", "sample", "host", "https://"), false, m()),
            new MetadataRow("#20 invalid mode", m("mode", "Feelings", "value", "20", "queueName", "sample", "host", "https://"), true, m()),
            new MetadataRow("#21 invalid value", m("mode", "QueueLength", "value", "lots", "queueName", "sample", "host", "https://"), true, m()),
            new MetadataRow("#22 queue length amqp", m("mode", "QueueLength", "value", "20", "queueName", "sample", "host", "amqps://"), false, m()),
            new MetadataRow("#23 message rate amqp", m("mode", "MessageRate", "value", "1000", "queueName", "sample", "host", "amqps://"), true, m()),
            new MetadataRow("#24 message rate amqp", m("mode", "MessageRate", "value", "1000", "queueName", "sample", "host", "amqp://"), true, m()),
            new MetadataRow("#25 message rate amqp", m("mode", "MessageRate", "value", "1000", "queueName", "sample", "host", "http://"), false, m()),
            new MetadataRow("#26 message rate amqp", m("mode", "MessageRate", "value", "1000", "queueName", "sample", "host", "https://"), false, m()),
            new MetadataRow("#27 deliverGet rate amqps", m("mode", "DeliverGetRate", "value", "1000", "queueName", "sample", "host", "amqps://"), true, m()),
            new MetadataRow("#28 deliverGet rate amqp", m("mode", "DeliverGetRate", "value", "1000", "queueName", "sample", "host", "amqp://"), true, m()),
            new MetadataRow("#29 deliverGet rate http", m("mode", "DeliverGetRate", "value", "1000", "queueName", "sample", "host", "http://"), false, m()),
            new MetadataRow("#30 deliverGet rate https", m("mode", "DeliverGetRate", "value", "1000", "queueName", "sample", "host", "https://"), false, m()),
            new MetadataRow("#31 amqp host and useRegex", m("queueName", "sample", "host", "amqps://", "useRegex", "true"), true, m()),
            new MetadataRow("#32 http host and useRegex", m("queueName", "sample", "host", "http://", "useRegex", "true"), false, m()),
            new MetadataRow("#33 message rate and useRegex", m("mode", "MessageRate", "value", "1000", "queueName", "sample", "host", "http://", "useRegex", "true"), false, m()),
            new MetadataRow("#34 deliverGet rate and useRegex", m("mode", "DeliverGetRate", "value", "1000", "queueName", "sample", "host", "http://", "useRegex", "true"), false, m()),
            new MetadataRow("#35 queue length and useRegex", m("mode", "QueueLength", "value", "1000", "queueName", "sample", "host", "http://", "useRegex", "true"), false, m()),
            new MetadataRow("#36 http valid timeout", m("mode", "QueueLength", "value", "1000", "queueName", "sample", "host", "http://", "timeout", "1000"), false, m()),
            new MetadataRow("#37 http invalid timeout", m("mode", "QueueLength", "value", "1000", "queueName", "sample", "host", "http://", "timeout", "-10"), true, m()),
            new MetadataRow("#38 http wrong timeout", m("mode", "QueueLength", "value", "1000", "queueName", "sample", "host", "http://", "timeout", "error"), true, m()),
            new MetadataRow("#39 amqp timeout", m("mode", "QueueLength", "value", "1000", "queueName", "sample", "host", "amqp://", "timeout", "10"), true, m()),
            new MetadataRow("#40 valid pageSize", m("mode", "MessageRate", "value", "1000", "queueName", "sample", "host", "http://", "useRegex", "true", "pageSize", "100"), false, m()),
            new MetadataRow("#41 pageSize less than 1", m("mode", "MessageRate", "value", "1000", "queueName", "sample", "host", "http://", "useRegex", "true", "pageSize", "-1"), true, m()),
            new MetadataRow("#42 invalid pageSize", m("mode", "MessageRate", "value", "1000", "queueName", "sample", "host", "http://", "useRegex", "true", "pageSize", "a"), true, m()),
            new MetadataRow("#43 valid pageSize", m("mode", "DeliverGetRate", "value", "1000", "queueName", "sample", "host", "http://", "useRegex", "true", "pageSize", "100"), false, m()),
            new MetadataRow("#44 pageSize less than 1", m("mode", "DeliverGetRate", "value", "1000", "queueName", "sample", "host", "http://", "useRegex", "true", "pageSize", "-1"), true, m()),
            new MetadataRow("#45 invalid pageSize", m("mode", "DeliverGetRate", "value", "1000", "queueName", "sample", "host", "http://", "useRegex", "true", "pageSize", "a"), true, m()),
            new MetadataRow("#46 activationValue passed", m("activationValue", "10", "queueLength", "20", "queueName", "sample", "hostFromEnv", HOST), false, m()),
            new MetadataRow("#47 malformed activationValue", m("activationValue", "AA", "queueLength", "10", "queueName", "sample", "hostFromEnv", HOST), true, m()),
            new MetadataRow("#48 http and excludeUnacknowledged", m("mode", "QueueLength", "value", "1000", "queueName", "sample", "host", "http://", "useRegex", "true", "excludeUnacknowledged", "true"), false, m()),
            new MetadataRow("#49 amqp and excludeUnacknowledged", m("mode", "QueueLength", "value", "1000", "queueName", "sample", "host", "amqp://", "useRegex", "true", "excludeUnacknowledged", "true"), true, m()),
            new MetadataRow("#50 unsafeSsl true", m("queueName", "sample", "host", "https://", "unsafeSsl", "true"), false, m()),
            new MetadataRow("#51 unsafeSsl wrong input", m("queueName", "sample", "host", "https://", "unsafeSsl", "random"), true, m()));

    static final List<AuthRow> AUTH = List.of(
            new AuthRow("#0 ", m("queueName", "sample", "hostFromEnv", HOST), null, m("tls", "enable", "ca", "caaa", "cert", "ceert", "key", "keey"), false, "enable", false),
            new AuthRow("#1 success, TLS cert/key and assumed public CA", m("queueName", "sample", "hostFromEnv", HOST), null, m("tls", "enable", "cert", "ceert", "key", "keey"), false, "enable", false),
            new AuthRow("#2 success, TLS cert/key + key password and assumed public CA", m("queueName", "sample", "hostFromEnv", HOST), null, m("tls", "enable", "cert", "ceert", "key", "keey", "keyPassword", "keeyPassword"), false, "enable", false),
            new AuthRow("#3 success, TLS CA only", m("queueName", "sample", "hostFromEnv", HOST), null, m("tls", "enable", "ca", "caaa"), false, "enable", false),
            new AuthRow("#4 failure, TLS missing cert", m("queueName", "sample", "hostFromEnv", HOST), null, m("tls", "enable", "ca", "caaa", "key", "kee"), true, "enable", false),
            new AuthRow("#5 failure, TLS missing key", m("queueName", "sample", "hostFromEnv", HOST), null, m("tls", "enable", "ca", "caaa", "cert", "ceert"), true, "enable", false),
            new AuthRow("#6 failure, TLS invalid", m("queueName", "sample", "hostFromEnv", HOST), null, m("tls", "yes", "ca", "caaa", "cert", "ceert", "key", "kee"), true, "enable", false),
            new AuthRow("#7 success, username and password", m("queueName", "sample", "hostFromEnv", HOST), null, m("username", "user", "password", "PASSWORD"), false, "disable", false),
            new AuthRow("#8 failure, username but no password", m("queueName", "sample", "hostFromEnv", HOST), null, m("username", "user"), true, "disable", false),
            new AuthRow("#9 failure, password but no username", m("queueName", "sample", "hostFromEnv", HOST), null, m("password", "PASSWORD"), true, "disable", false),
            new AuthRow("#10 success, vhostName", m("queueName", "sample", "hostFromEnv", HOST), null, m("vhostName", "myVhost"), false, "disable", false),
            new AuthRow("#11 success, vhostName but empty", m("queueName", "sample", "hostFromEnv", HOST), null, m("vhostName", ""), false, "disable", false),
            new AuthRow("#12 success, username and password from env", m("queueName", "sample", "hostFromEnv", HOST, "usernameFromEnv", USERNAME_ENV, "passwordFromEnv", PASSWORD_ENV), null, m(), false, "disable", false),
            new AuthRow("#13 failure, username from env but not password", m("queueName", "sample", "hostFromEnv", HOST, "usernameFromEnv", USERNAME_ENV), null, m(), true, "disable", false),
            new AuthRow("#14 failure, password from env but not username", m("queueName", "sample", "hostFromEnv", HOST, "passwordFromEnv", PASSWORD_ENV), null, m(), true, "disable", false),
            new AuthRow("#15 success, WorkloadIdentity", m("queueName", "sample", "hostFromEnv", HOST, "protocol", "http"), "azure-workload", m("workloadIdentityResource", "rabbitmq-resource-id"), false, "disable", true),
            new AuthRow("#16 failure, WorkloadIdentity not supported for amqp", m("queueName", "sample", "hostFromEnv", HOST, "protocol", "amqp"), "azure-workload", m("workloadIdentityResource", "rabbitmq-resource-id"), true, "disable", false),
            new AuthRow("#17 success, OAuth2 with HTTP protocol (minimal config)", m("queueName", "sample", "host", "http://localhost:15672", "protocol", "http"), null, m("oauthTokenURI", "https://oauth.example.com/token", "clientID", "my-client", "clientSecret", "my-secret"), false, "disable", false),
            new AuthRow("#18 success, OAuth2 with scopes", m("queueName", "sample", "host", "https://localhost:15672", "protocol", "http"), null, m("oauthTokenURI", "https://oauth.example.com/token", "clientID", "my-client", "clientSecret", "my-secret", "scopes", "rabbitmq.read,rabbitmq.write"), false, "disable", false),
            new AuthRow("#19 success, OAuth2 with endpoint params", m("queueName", "sample", "host", "http://localhost:15672", "protocol", "http"), null, m("oauthTokenURI", "https://oauth.example.com/token", "clientID", "my-client", "clientSecret", "my-secret", "endpointParams", "audience=rabbitmq&resource=api"), false, "disable", false),
            new AuthRow("#20 success, OAuth2 with TLS", m("queueName", "sample", "host", "https://localhost:15672", "protocol", "http"), null, m("oauthTokenURI", "https://oauth.example.com/token", "clientID", "my-client", "clientSecret", "my-secret", "tls", "enable", "ca", "caaa"), false, "enable", false),
            new AuthRow("#21 failure, OAuth2 with AMQP protocol", m("queueName", "sample", "host", "amqp://localhost:5672", "protocol", "amqp"), null, m("oauthTokenURI", "https://oauth.example.com/token", "clientID", "my-client", "clientSecret", "my-secret"), true, "disable", false),
            new AuthRow("#22 failure, OAuth2 + basic auth", m("queueName", "sample", "host", "http://localhost:15672", "protocol", "http"), null, m("oauthTokenURI", "https://oauth.example.com/token", "clientID", "my-client", "clientSecret", "my-secret", "username", "user", "password", "pass"), true, "disable", false),
            new AuthRow("#23 failure, OAuth2 + workload identity", m("queueName", "sample", "host", "http://localhost:15672", "protocol", "http"), null, m("oauthTokenURI", "https://oauth.example.com/token", "clientID", "my-client", "clientSecret", "my-secret", "workloadIdentityResource", "rabbitmq-resource-id"), true, "disable", false),
            new AuthRow("#24 failure, OAuth2 missing tokenUrl", m("queueName", "sample", "host", "http://localhost:15672", "protocol", "http"), null, m("clientID", "my-client", "clientSecret", "my-secret"), true, "disable", false),
            new AuthRow("#25 failure, OAuth2 missing clientId", m("queueName", "sample", "host", "http://localhost:15672", "protocol", "http"), null, m("oauthTokenURI", "https://oauth.example.com/token", "clientSecret", "my-secret"), true, "disable", false),
            new AuthRow("#26 failure, OAuth2 missing clientSecret", m("queueName", "sample", "host", "http://localhost:15672", "protocol", "http"), null, m("oauthTokenURI", "https://oauth.example.com/token", "clientID", "my-client"), true, "disable", false));

    static final List<MetadataRow> DEFAULT_QUEUE_LENGTH = List.of(
            new MetadataRow("#0 use default queueLength", m("queueName", "sample", "hostFromEnv", HOST), false, m()),
            new MetadataRow("#1 use default queueLength with includeUnacked", m("queueName", "sample", "hostFromEnv", HOST, "protocol", "http"), false, m()));

    static final List<VhostRow> VHOST_AND_PATH = List.of(
            new VhostRow("#0 level 0 + vhost", "myVhost", "", "/myVhost", ""),
            new VhostRow("#1 level 0 + vhost", "%2FmyVhost", "", "/%2FmyVhost", ""),
            new VhostRow("#2 level 0 + vhost as /, // and empty", "/", "", "/%2F", ""),
            new VhostRow("#3 level 0 + vhost as /, // and empty", "//", "", "/%2F", ""),
            new VhostRow("#4 level 0 + vhost as /, // and empty", "/%2F", "", "/%2F", ""),
            new VhostRow("#5 level 0 + vhost as /, // and empty", "", "", "/%2F", ""),
            new VhostRow("#6 level 1 + vhost", "sub1/myVhost", "", "/myVhost", "/sub1"),
            new VhostRow("#7 level 1 + vhost", "sub1/", "overridenVhost", "/overridenVhost", "/sub1"),
            new VhostRow("#8 level 1 + vhost", "myVhost", "overridenVhost", "/overridenVhost", ""),
            new VhostRow("#9 level 1 + vhost", "sub1/%2FmyVhost", "", "/%2FmyVhost", "/sub1"),
            new VhostRow("#10 level 1 + vhost as / and //", "sub1/", "", "/%2F", "/sub1"),
            new VhostRow("#11 level 1 + vhost as / and //", "sub1/", "myVhost", "/myVhost", "/sub1"),
            new VhostRow("#12 level 1 + vhost as / and //", "myVhost", "overridenVhost", "/overridenVhost", ""),
            new VhostRow("#13 level 1 + vhost as / and //", "sub1//", "", "/%2F", "/sub1"),
            new VhostRow("#14 level 1 + vhost as / and //", "sub1/%2F", "", "/%2F", "/sub1"),
            new VhostRow("#15 level 2 + vhost", "sub1/sub2/myVhost", "", "/myVhost", "/sub1/sub2"),
            new VhostRow("#16 level 2 + vhost", "sub1/sub2/myVhost", "overridenVhost", "/overridenVhost", "/sub1/sub2"),
            new VhostRow("#17 level 2 + vhost", "myVhost", "overridenVhost", "/overridenVhost", ""),
            new VhostRow("#18 level 2 + vhost", "sub1/sub2/%2FmyVhost", "", "/%2FmyVhost", "/sub1/sub2"),
            new VhostRow("#19 level 2 + vhost as / and //", "sub1/sub2/", "", "/%2F", "/sub1/sub2"),
            new VhostRow("#20 level 2 + vhost as / and //", "sub1/sub2/", "myVhost", "/myVhost", "/sub1/sub2"),
            new VhostRow("#21 level 2 + vhost as / and //", "sub1/myVhost", "overridenVhost", "/overridenVhost", "/sub1"),
            new VhostRow("#22 level 2 + vhost as / and //", "sub1/sub2//", "", "/%2F", "/sub1/sub2"),
            new VhostRow("#23 level 2 + vhost as / and //", "sub1/sub2/%2F", "", "/%2F", "/sub1/sub2"));

    static final List<QueueRow> QUEUE_INFO = List.of(
            new QueueRow("#0 queueLength", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, true, m("queueLength", "10")),
            new QueueRow("#1 queueLength", "{\"messages\": 1, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, true, m("queueLength", "10")),
            new QueueRow("#2 queueLength", "{\"messages\": 1, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, true, m("queueLength", "10")),
            new QueueRow("#3 queueLength", "{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, false, m("queueLength", "10")),
            new QueueRow("#4 queueLength", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 0.8}}, \"name\": \"evaluate_trials\"}", 200, true, m("queueLength", "10")),
            new QueueRow("#5 queueLength", "{\"messages\": 1, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 1.2}}, \"name\": \"evaluate_trials\"}", 200, true, m("queueLength", "10")),
            new QueueRow("#6 queueLength", "{\"messages\": 1, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 1.6}}, \"name\": \"evaluate_trials\"}", 200, true, m("queueLength", "10")),
            new QueueRow("#7 queueLength", "{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 2}}, \"name\": \"evaluate_trials\"}", 200, false, m("queueLength", "10")),
            new QueueRow("#8 mode QueueLength", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 1.3}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "QueueLength")),
            new QueueRow("#9 mode QueueLength", "{\"messages\": 1, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 1}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "QueueLength")),
            new QueueRow("#10 mode QueueLength", "{\"messages\": 1, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 1}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "QueueLength")),
            new QueueRow("#11 mode QueueLength", "{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, false, m("value", "100", "mode", "QueueLength")),
            new QueueRow("#12 mode QueueLength", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 1.3}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "QueueLength")),
            new QueueRow("#13 mode QueueLength", "{\"messages\": 1, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 1}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "QueueLength")),
            new QueueRow("#14 mode QueueLength", "{\"messages\": 1, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 1}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "QueueLength")),
            new QueueRow("#15 mode QueueLength", "{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, false, m("value", "100", "mode", "QueueLength")),
            new QueueRow("#16 mode MessageRate", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 1.3}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "MessageRate")),
            new QueueRow("#17 mode MessageRate", "{\"messages\": 1, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 1}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "MessageRate")),
            new QueueRow("#18 mode MessageRate", "{\"messages\": 1, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 1}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "MessageRate")),
            new QueueRow("#19 mode MessageRate", "{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, false, m("value", "100", "mode", "MessageRate")),
            new QueueRow("#20 mode MessageRate", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 1.3}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "MessageRate")),
            new QueueRow("#21 mode MessageRate", "{\"messages\": 1, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 1}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "MessageRate")),
            new QueueRow("#22 mode MessageRate", "{\"messages\": 1, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 1}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "MessageRate")),
            new QueueRow("#23 mode MessageRate", "{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "MessageRate")),
            new QueueRow("#24 mode DeliverGetRate", "{\"messages\": 30, \"messages_unacknowledged\": 10, \"message_stats\": {\"publish_details\": {\"rate\": 5}, \"deliver_get_details\": {\"rate\": 1}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "DeliverGetRate")),
            new QueueRow("#25 mode DeliverGetRate", "{\"messages\": 20, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 10}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "DeliverGetRate")),
            new QueueRow("#26 mode DeliverGetRate", "{\"messages\": 10, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 12.5}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "DeliverGetRate")),
            new QueueRow("#27 mode DeliverGetRate", "{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, false, m("value", "100", "mode", "DeliverGetRate")),
            new QueueRow("#28 mode DeliverGetRate", "{\"messages\": 45, \"messages_unacknowledged\": 5, \"message_stats\": {\"publish_details\": {\"rate\": 5.5}, \"deliver_get_details\": {\"rate\": 1.5}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "DeliverGetRate")),
            new QueueRow("#29 mode DeliverGetRate", "{\"messages\": 22, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 1.5}, \"deliver_get_details\": {\"rate\": 23}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "DeliverGetRate")),
            new QueueRow("#30 mode DeliverGetRate", "{\"messages\": 3, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 18.5}}, \"name\": \"evaluate_trials\"}", 200, true, m("value", "100", "mode", "DeliverGetRate")),
            new QueueRow("#31 mode DeliverGetRate", "{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, false, m("value", "100", "mode", "DeliverGetRate")),
            new QueueRow("#32 error response", "Password is incorrect", 401, false, m()));

    static final List<QueueRow> QUEUE_INFO_SINGLE_VHOST = List.of(
            new QueueRow("#0 ", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 1.6}}, \"name\": \"evaluate_trials\"}", 200, true, m("hostFromEnv", "plainHost", "vhostName", "myhost")),
            new QueueRow("#1 ", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 2}}, \"name\": \"evaluate_trials\"}", 200, true, m("hostFromEnv", "plainHost", "vhostName", "/")),
            new QueueRow("#2 ", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 1.4}, \"deliver_get_details\": {\"rate\": 2.5}}, \"name\": \"evaluate_trials\"}", 200, true, m("hostFromEnv", "plainHost", "vhostName", "")),
            new QueueRow("#3 ", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, true, m("hostFromEnv", "plainHost", "vhostName", "myhost")),
            new QueueRow("#4 ", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, true, m("hostFromEnv", "plainHost", "vhostName", "/")),
            new QueueRow("#5 ", "{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}", 200, true, m("hostFromEnv", "plainHost", "vhostName", "")));

    static final List<QueueRow> REGEX_QUEUE_INFO = List.of(
            new QueueRow("#0 sum queue length", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "sum")),
            new QueueRow("#1 sum queue length", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "sum")),
            new QueueRow("#2 sum queue length", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "sum")),
            new QueueRow("#3 sum queue length", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "sum")),
            new QueueRow("#4 sum queue length", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "sum")),
            new QueueRow("#5 sum queue length", "{\"items\":[]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "sum")),
            new QueueRow("#6 sum queue length + ignoreUnacknowledged", "{\"items\":[{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "sum", "excludeUnacknowledged", "true")),
            new QueueRow("#7 sum queue length + ignoreUnacknowledged", "{\"items\":[{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "sum", "excludeUnacknowledged", "true")),
            new QueueRow("#8 sum queue length + ignoreUnacknowledged", "{\"items\":[{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "sum", "excludeUnacknowledged", "true")),
            new QueueRow("#9 sum queue length + ignoreUnacknowledged", "{\"items\":[{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "sum")),
            new QueueRow("#10 sum queue length + ignoreUnacknowledged", "{\"items\":[{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "sum", "excludeUnacknowledged", "true")),
            new QueueRow("#11 sum queue length + ignoreUnacknowledged", "{\"items\":[]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "sum")),
            new QueueRow("#12 max queue length", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "max")),
            new QueueRow("#13 max queue length", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "max")),
            new QueueRow("#14 max queue length", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "max")),
            new QueueRow("#15 max queue length", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "max")),
            new QueueRow("#16 max queue length", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "max")),
            new QueueRow("#17 max queue length", "{\"items\":[]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "max")),
            new QueueRow("#18 max queue length + excludeUnacknowledged", "{\"items\":[{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "max", "excludeUnacknowledged", "true")),
            new QueueRow("#19 max queue length + excludeUnacknowledged", "{\"items\":[{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "max", "excludeUnacknowledged", "true")),
            new QueueRow("#20 max queue length + excludeUnacknowledged", "{\"items\":[{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "max", "excludeUnacknowledged", "true")),
            new QueueRow("#21 max queue length + excludeUnacknowledged", "{\"items\":[{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "max")),
            new QueueRow("#22 max queue length + excludeUnacknowledged", "{\"items\":[{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "max", "excludeUnacknowledged", "true")),
            new QueueRow("#23 max queue length + excludeUnacknowledged", "{\"items\":[]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "max")),
            new QueueRow("#24 avg queue length", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "avg")),
            new QueueRow("#25 avg queue length", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "avg")),
            new QueueRow("#26 avg queue length", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "avg")),
            new QueueRow("#27 avg queue length", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "avg")),
            new QueueRow("#28 avg queue length", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "avg")),
            new QueueRow("#29 avg queue length", "{\"items\":[]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "avg")),
            new QueueRow("#30 avg queue length + excludeUnacknowledged", "{\"items\":[{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "avg", "excludeUnacknowledged", "true")),
            new QueueRow("#31 avg queue length + excludeUnacknowledged", "{\"items\":[{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "avg", "excludeUnacknowledged", "true")),
            new QueueRow("#32 avg queue length + excludeUnacknowledged", "{\"items\":[{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "avg", "excludeUnacknowledged", "true")),
            new QueueRow("#33 avg queue length + excludeUnacknowledged", "{\"items\":[{\"messages\": 4, \"messages_ready\": 3, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("queueLength", "10", "useRegex", "true", "operation", "avg")),
            new QueueRow("#34 avg queue length + excludeUnacknowledged", "{\"items\":[{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_ready\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "avg", "excludeUnacknowledged", "true")),
            new QueueRow("#35 avg queue length + excludeUnacknowledged", "{\"items\":[]}", 200, false, m("queueLength", "10", "useRegex", "true", "operation", "avg")),
            new QueueRow("#36 sum message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#37 sum message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#38 sum message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#39 sum message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#40 sum message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#41 sum message rate", "{\"items\":[]}", 200, false, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#42 max message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#43 max message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#44 max message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#45 max message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#46 max message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#47 max message rate", "{\"items\":[]}", 200, false, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#48 avg message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#49 avg message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#50 avg message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#51 avg message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#52 avg message rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"},{\"messages\": 0, \"messages_unacknowledged\": 1, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#53 avg message rate", "{\"items\":[]}", 200, false, m("mode", "MessageRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#54 sum deliverGet rate", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 2}}, \"name\": \"evaluate_trials\"}, {\"messages\": 2, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 2}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#55 sum deliverGet rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}, {\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#56 sum deliverGet rate", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trials\"}, {\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#57 sum deliverGet rate", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#58 sum deliverGet rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}, {\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#59 sum deliverGet rate", "{\"items\":[]}", 200, false, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "sum")),
            new QueueRow("#60 max deliverGet rate", "{\"items\":[{\"messages\": 8, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 2}}, \"name\": \"evaluate_trials\"}, {\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#61 max deliverGet rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}, {\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#62 max deliverGet rate", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trials\"}, {\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#63 max deliverGet rate", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#64 max deliverGet rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}, {\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#65 max deliverGet rate", "{\"items\":[]}", 200, false, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "max")),
            new QueueRow("#66 avg deliverGet rate", "{\"items\":[{\"messages\": 8, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trials\"}, {\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#67 avg deliverGet rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}, {\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#68 avg deliverGet rate", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trials\"}, {\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#69 avg deliverGet rate", "{\"items\":[{\"messages\": 4, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 4}, \"deliver_get_details\": {\"rate\": 4}}, \"name\": \"evaluate_trial2\"}]}", 200, true, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#70 avg deliverGet rate", "{\"items\":[{\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trials\"}, {\"messages\": 0, \"messages_unacknowledged\": 0, \"message_stats\": {\"publish_details\": {\"rate\": 0}, \"deliver_get_details\": {\"rate\": 0}}, \"name\": \"evaluate_trial2\"}]}", 200, false, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "avg")),
            new QueueRow("#71 avg deliverGet rate", "{\"items\":[]}", 200, false, m("mode", "DeliverGetRate", "value", "1000", "useRegex", "true", "operation", "avg")));


    /**
     * What Tide says to each row KEDA refuses (after {@code trigger[0] (rabbitmq): }): KEDA's words for its rules, the
     * binder's for bad values, every problem at once. Rows of {@link #METADATA} and {@link #AUTH} by name.
     */
    static final Map<String, String> TIDE_REFUSALS = Map.ofEntries(
            Map.entry("#0 nothing passed",
                    "missing required parameter \"queueName\" in [triggerMetadata]; missing required parameter \"host\" in [triggerMetadata, authParams, resolvedEnv]"),
            Map.entry("#11 auto protocol and a bad URL",
                    "unknown host URL scheme: `something`"),
            Map.entry("#13 failure, username from env but not password",
                    "username and password must be given together"),
            Map.entry("#14 failure, password from env but not username",
                    "username and password must be given together"),
            Map.entry("#14 queueLength and mode",
                    "queueLength is deprecated; use mode and value"),
            Map.entry("#15 queueLength and value",
                    "queueLength is deprecated; use mode and value"),
            Map.entry("#16 failure, WorkloadIdentity not supported for amqp",
                    "workload identity is not supported for the AMQP protocol at the moment"),
            Map.entry("#16 queueLength and mode and value",
                    "queueLength is deprecated; use mode and value"),
            Map.entry("#17 only mode",
                    "value must be specified"),
            Map.entry("#18 only value",
                    "mode must be specified"),
            Map.entry("#2 malformed queueLength",
                    "parameter \"queueLength\" value \"AA\" must be a number"),
            Map.entry("#20 invalid mode",
                    "trigger mode Feelings must be one of QueueLength, MessageRate, DeliverGetRate, PublishedToDeliveredRatio or ExpectedQueueConsumptionTime"),
            Map.entry("#21 failure, OAuth2 with AMQP protocol",
                    "OAuth2 authentication is only supported with HTTP protocol, not AMQP"),
            Map.entry("#21 invalid value",
                    "parameter \"value\" value \"lots\" must be a number"),
            Map.entry("#22 failure, OAuth2 + basic auth",
                    "OAuth2 authentication cannot be combined with username/password authentication or Azure Workload Identity"),
            Map.entry("#23 failure, OAuth2 + workload identity",
                    "workloadIdentityResource (Azure AD workload identity) is not supported by Tide's rabbitmq scaler: authenticate with username and password or OAuth 2.0 client credentials instead; OAuth2 authentication cannot be combined with username/password authentication or Azure Workload Identity"),
            Map.entry("#23 message rate amqp",
                    "protocol amqp not supported; must be HTTP to use trigger mode MessageRate"),
            Map.entry("#24 failure, OAuth2 missing tokenUrl",
                    "OAuth2 requires tokenUrl clientId and clientSecret to be configured in TriggerAuthentication"),
            Map.entry("#24 message rate amqp",
                    "protocol amqp not supported; must be HTTP to use trigger mode MessageRate"),
            Map.entry("#25 failure, OAuth2 missing clientId",
                    "OAuth2 requires tokenUrl clientId and clientSecret to be configured in TriggerAuthentication"),
            Map.entry("#26 failure, OAuth2 missing clientSecret",
                    "OAuth2 requires tokenUrl clientId and clientSecret to be configured in TriggerAuthentication"),
            Map.entry("#27 deliverGet rate amqps",
                    "protocol amqp not supported; must be HTTP to use trigger mode DeliverGetRate"),
            Map.entry("#28 deliverGet rate amqp",
                    "protocol amqp not supported; must be HTTP to use trigger mode DeliverGetRate"),
            Map.entry("#3 missing host",
                    "parameter \"queueLength\" value \"AA\" must be a number; missing required parameter \"host\" in [triggerMetadata, authParams, resolvedEnv]"),
            Map.entry("#31 amqp host and useRegex",
                    "configure useRegex=true only with HTTP protocol"),
            Map.entry("#37 http invalid timeout",
                    "parameter \"timeout\" value \"-10\" duration cannot be negative"),
            Map.entry("#38 http wrong timeout",
                    "parameter \"timeout\" value \"error\" must be either a duration string (e.g. '30s', '5m') or a number of milliseconds"),
            Map.entry("#39 amqp timeout",
                    "AMQP protocol doesn't support custom timeouts: 10000000"),
            Map.entry("#4 failure, TLS missing cert",
                    "both key and certificate must be provided"),
            Map.entry("#4 missing queueName",
                    "missing required parameter \"queueName\" in [triggerMetadata]"),
            Map.entry("#41 pageSize less than 1",
                    "pageSize should be 1 or greater"),
            Map.entry("#42 invalid pageSize",
                    "parameter \"pageSize\" value \"a\" must be an integer"),
            Map.entry("#44 pageSize less than 1",
                    "pageSize should be 1 or greater"),
            Map.entry("#45 invalid pageSize",
                    "parameter \"pageSize\" value \"a\" must be an integer"),
            Map.entry("#47 malformed activationValue",
                    "parameter \"activationValue\" value \"AA\" must be a number"),
            Map.entry("#49 amqp and excludeUnacknowledged",
                    "configure useRegex=true only with HTTP protocol; configure excludeUnacknowledged=true only with HTTP protocol"),
            Map.entry("#5 failure, TLS missing key",
                    "both key and certificate must be provided"),
            Map.entry("#5 host defined in authParams",
                    "missing required parameter \"queueName\" in [triggerMetadata]"),
            Map.entry("#51 unsafeSsl wrong input",
                    "parameter \"unsafeSsl\" value \"random\" must be true or false"),
            Map.entry("#6 failure, TLS invalid",
                    "incorrect value for TLS given: yes"),
            Map.entry("#8 failure, username but no password",
                    "username and password must be given together"),
            Map.entry("#9 failure, password but no username",
                    "username and password must be given together"));
}
