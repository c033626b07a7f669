package dev.tide.scaler.external;

import dev.tide.scaler.api.clients.PemTls;
import dev.tide.scaler.api.clients.UnsafeSsl;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;

/**
 * The channel credentials of a {@link ChannelIdentity}, as KEDA's {@code NewTLSConfig} builds them: the system's
 * roots plus {@code caCert}, a client certificate when both the certificate and its key are given, and no
 * verification at all with {@code unsafeSsl}. PEM is read by the SPI's {@link PemTls}.
 */
final class TlsMaterial {

    private TlsMaterial() {
    }

    /** @throws IllegalArgumentException naming the parameter that could not be read, never quoting it */
    static ChannelCredentials credentials(ChannelIdentity identity) {
        if (!identity.tls()) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
        if (identity.unsafeSsl()) {
            builder.trustManager(UnsafeSsl.trustingTrustManager());
        } else if (identity.caCert().isPresent()) {
            builder.trustManager(PemTls.trustManagers(identity.caCert().get(), "caCert"));
        }
        if (identity.clientCert().isPresent() && identity.clientKey().isPresent()) {
            builder.keyManager(PemTls.keyManagers(identity.clientCert().get(), "tlsClientCert",
                    identity.clientKey().get(), "tlsClientKey"));
        }
        return builder.build();
    }
}
