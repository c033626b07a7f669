package dev.tide.scaler.awssqs;

import dev.tide.scaler.api.clients.SharedClients;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The SQS clients of every {@code aws-sqs-queue} trigger: one per {@link Key} (region, endpoint and credentials),
 * shared by the triggers that name it and closed with the last of them (KEDA's shared AWS config cache, plus the
 * client itself). A client owns its HTTP client and credentials provider (and, for a role, its STS client), so
 * closing it releases all of them.
 */
final class SqsClients {

    private static final Logger log = LoggerFactory.getLogger(SqsClients.class);
    private static final SqsClients SHARED = new SqsClients(SqsClients::open);

    /** KEDA's session name for an assumed role is {@code KEDA}; Tide's names itself in the role's CloudTrail entries. */
    static final String ROLE_SESSION_NAME = "tide";

    /**
     * What names a client. {@link AwsCredentials} compares by value, secrets included, so two triggers with the same
     * key share a client; its {@code toString} shows no secret.
     */
    record Key(String region, Optional<String> endpoint, AwsCredentials credentials) {
    }

    /** A client and everything it holds, closed together. */
    record Client(SqsClient sqs, List<SdkAutoCloseable> owned) {
        void close() {
            sqs.close();
            owned.forEach(SdkAutoCloseable::close);
        }
    }

    private final SharedClients<Key, Client> clients;

    SqsClients(Function<Key, Client> open) {
        this.clients = new SharedClients<>(open, Client::close);
    }

    /** The clients every factory the ServiceLoader makes shares. */
    static SqsClients shared() {
        return SHARED;
    }

    SharedClients.Lease<Client> acquire(Key key) {
        return clients.acquire(key);
    }

    /** How many clients are open now. */
    int size() {
        return clients.size();
    }

    /**
     * The client for a key. HTTP is the SDK's {@code url-connection-client} (the JDK's HttpURLConnection): one small
     * jar, no pool library, no event-loop threads; one request at a time per trigger needs nothing more.
     *
     * @throws IllegalArgumentException when the region or endpoint is unusable; the message holds no credential
     */
    static Client open(Key key) {
        Region region = Region.of(key.region());
        SdkHttpClient http = UrlConnectionHttpClient.builder().build();
        AwsCredentialsProvider credentials;
        StsClient sts = null;
        if (key.credentials() instanceof AwsCredentials.StaticKeys keys) {
            credentials = StaticCredentialsProvider.create(keys.sessionToken()
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(token -> AwsSessionCredentials.create(
                            keys.accessKeyId(), keys.secretAccessKey().reveal(), token.reveal()))
                    .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey().reveal())));
        } else if (key.credentials() instanceof AwsCredentials.AssumeRole role) {
            // KEDA assumes the role with its own credentials (stscreds.NewAssumeRoleProvider); so does this.
            sts = StsClient.builder().region(region).httpClient(http)
                    .credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
            credentials = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(request -> request.roleArn(role.roleArn()).roleSessionName(ROLE_SESSION_NAME))
                    .build();
        } else {
            credentials = DefaultCredentialsProvider.builder().build();
        }
        var builder = SqsClient.builder().region(region).httpClient(http).credentialsProvider(credentials);
        key.endpoint().map(URI::create).ifPresent(builder::endpointOverride);
        SqsClient sqs = builder.build();
        log.debug("opened an SQS client for region {}, endpoint {}, {}", key.region(), key.endpoint().orElse("(the region's)"),
                key.credentials().getClass().getSimpleName());
        return new Client(sqs, sts == null ? List.of(closeable(credentials), http)
                : List.of(closeable(credentials), sts, http));
    }

    private static SdkAutoCloseable closeable(AwsCredentialsProvider provider) {
        return provider instanceof SdkAutoCloseable closeable ? closeable : () -> { };
    }
}
