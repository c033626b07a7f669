package dev.tide.scaler.rabbitmq;

import dev.tide.scaler.api.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What decides an AMQP connection, as KEDA's {@code NewRabbitMQScaler} builds its URI: the host's address and vhost
 * ({@code vhostName} replacing it), the user and password ({@code username}/{@code password} replacing the host's, else
 * the host's, else RabbitMQ's default {@code guest}), and TLS ({@code amqps}, the TLS identity, SASL EXTERNAL with a
 * client certificate and no password). The password is a {@link Secret}: this record never prints it.
 */
record AmqpEndpoint(boolean amqps, String host, int port, String vhost, String username, Secret password,
        TlsIdentity tls, boolean external) {

    static AmqpEndpoint of(RabbitMqTrigger trigger) {
        RabbitMqParameters parameters = trigger.parameters();
        URI uri = URI.create(parameters.host());
        boolean amqps = "amqps".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        int port = uri.getPort() >= 0 ? uri.getPort() : amqps ? 5671 : 5672;
        String path = Optional.ofNullable(uri.getRawPath()).orElse("");
        String vhost = path.length() > 1 ? decode(path.substring(1)) : "/";
        vhost = parameters.vhostName().filter(name -> !name.isEmpty()).orElse(vhost);
        String rawUserInfo = uri.getRawUserInfo();
        String username = "guest";
        String password = "guest";
        if (trigger.auth().basic()) {
            username = trigger.auth().username().orElseThrow();
            password = trigger.auth().password().orElseThrow().reveal();
        } else if (rawUserInfo != null) {
            int colon = rawUserInfo.indexOf(':');
            username = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(rawUserInfo.substring(colon + 1));
        }
        TlsIdentity tls = TlsIdentity.of(trigger);
        return new AmqpEndpoint(amqps, String.valueOf(uri.getHost()), port, vhost, username, Secret.of(password), tls,
                usesExternalAuth(trigger.auth(), parameters.host()));
    }

    /**
     * KEDA's {@code buildAMQPConfig}: with TLS enabled, a client certificate and no username or password in the
     * TriggerAuthentication, SASL EXTERNAL, unless the host's URL carries a password.
     */
    static boolean usesExternalAuth(RabbitMqAuth auth, String host) {
        if (!auth.tlsEnabled() || auth.username().isPresent() || auth.password().isPresent()
                || auth.cert().isEmpty() || auth.key().isEmpty()) {
            return false;
        }
        try {
            String userInfo = URI.create(host).getRawUserInfo();
            return userInfo == null || !userInfo.contains(":");
        } catch (IllegalArgumentException unparsable) {
            return true;
        }
    }

    /** {@code amqp(s)://host:port/vhost}, for messages: no user info. */
    String shown() {
        return (amqps ? "amqps" : "amqp") + "://" + host + ":" + port + "/" + QueryEscape.escape(vhost);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
