package dev.tide.scaler.prometheus;

import dev.tide.scaler.api.Secret;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * What decides a trigger's HTTP client: the server (scheme, host and port) and the TLS inputs. Headers, the bearer
 * token or a password included, are per request, so triggers that differ only in them share one client. The PEM
 * values are {@link Secret}s, so this record never prints them.
 *
 * @param server {@code scheme://host:port}, lower case
 * @param unsafeSsl trust any server certificate
 * @param ca a CA to trust besides the system's
 * @param cert the client certificate, present only with its key
 * @param key the client certificate's key, present only with the certificate
 */
record ClientIdentity(String server, boolean unsafeSsl, Optional<Secret> ca, Optional<Secret> cert, Optional<Secret> key) {

    /**
     * KEDA's choice: with auth modes and a CA or tls auth, the transport is built from {@code ca}, {@code cert} and
     * {@code key} and {@code unsafeSsl} is ignored; otherwise {@code unsafeSsl} alone decides.
     */
    static ClientIdentity of(PrometheusParameters parameters, AuthParameters auth) {
        URI uri = URI.create(parameters.serverAddress());
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String server = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        boolean tlsFromAuth = !auth.disabled() && (auth.ca().isPresent() || auth.enabled(AuthParameters.AuthMode.TLS));
        if (!tlsFromAuth) {
            return new ClientIdentity(server, parameters.unsafeSsl(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        boolean pair = auth.cert().isPresent() && auth.key().isPresent();
        return new ClientIdentity(server, false, auth.ca(), pair ? auth.cert() : Optional.empty(),
                pair ? auth.key() : Optional.empty());
    }
}
