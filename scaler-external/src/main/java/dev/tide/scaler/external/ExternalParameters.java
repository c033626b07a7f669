package dev.tide.scaler.external;

import static dev.tide.scaler.api.params.Source.AUTH_PARAMS;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.api.params.Param;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of an {@code external} or {@code external-push} trigger, as KEDA's {@code externalScalerMetadata}
 * declares them. Every other metadata key belongs to the external scaler and is passed to it as written.
 */
record ExternalParameters(
        @Param(description = "the external scaler's gRPC address, e.g. `my-scaler.my-namespace:6000`")
        String scalerAddress,

        @Param(defaultValue = "false", description = "connect with TLS (also implied by `caCert` or a client certificate)")
        boolean enableTLS,

        @Param(defaultValue = "false", description = "do not verify the server's certificate")
        boolean unsafeSsl,

        @Param(order = AUTH_PARAMS, description = "PEM CA certificate the server's certificate must chain to (TriggerAuthentication only)")
        Optional<Secret> caCert,

        @Param(order = AUTH_PARAMS, description = "PEM client certificate for mutual TLS (TriggerAuthentication only)")
        Optional<Secret> tlsClientCert,

        @Param(order = AUTH_PARAMS, description = "PEM private key of the client certificate, PKCS#8 or PKCS#1 RSA (TriggerAuthentication only)")
        Optional<Secret> tlsClientKey) {

    /** The keys Tide reads itself; the server gets them too, as KEDA sends the whole metadata. */
    static final Set<String> OWN_METADATA = Set.of("scalerAddress", "enableTLS", "unsafeSsl");

    /** KEDA turns TLS on for {@code enableTLS}, a CA, or a client certificate with its key. */
    boolean tls() {
        return enableTLS || caCert.isPresent() || (tlsClientCert.isPresent() && tlsClientKey.isPresent());
    }

    /** The connection these parameters name: triggers with equal identities share one channel. */
    ChannelIdentity channel() {
        return new ChannelIdentity(scalerAddress, tls(), unsafeSsl, caCert,
                tlsClientKey.isPresent() ? tlsClientCert : Optional.empty(),
                tlsClientCert.isPresent() ? tlsClientKey : Optional.empty());
    }
}
