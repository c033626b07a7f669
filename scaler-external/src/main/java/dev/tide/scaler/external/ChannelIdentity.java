package dev.tide.scaler.external;

import dev.tide.scaler.api.Secret;
import java.util.Optional;

/**
 * What makes two triggers' connections the same (KEDA's connection pool key): the address and every TLS input.
 * The PEM values are {@link Secret}s, so this record never prints them.
 */
record ChannelIdentity(String address, boolean tls, boolean unsafeSsl, Optional<Secret> caCert,
        Optional<Secret> clientCert, Optional<Secret> clientKey) {
}
