package dev.tide.scaler.awssqs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * ElasticMQ (an SQS-compatible server, {@code org.elasticmq:elasticmq-server_2.13}) in this JVM on a free loopback
 * port: nothing to install, it keeps its queues in memory. {@link #shared()} starts one per JVM for every test class
 * (a shutdown hook stops it); {@link #start()} gives a private one a test may stop.
 *
 * <p>ElasticMQ does not check request signatures: any access key and secret are accepted.
 */
public final class ElasticMqServer implements AutoCloseable {

    /** ElasticMQ's account id in every queue URL. */
    public static final String ACCOUNT = "000000000000";

    private static ElasticMqServer shared;

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient admin;

    private ElasticMqServer(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.admin = SqsClient.builder().region(Region.EU_WEST_1).endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.builder().build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("admin", "admin")))
                .build();
    }

    /** The JVM's server, started on first use. */
    public static synchronized ElasticMqServer shared() {
        if (shared == null) {
            shared = start();
            ElasticMqServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "elasticmq-stop"));
        }
        return shared;
    }

    /** A server of one's own, e.g. to stop it. */
    public static ElasticMqServer start() {
        int port = freePort();
        SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1")
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, "")).start();
        server.waitUntilStarted();
        return new ElasticMqServer(server, URI.create("http://127.0.0.1:" + port));
    }

    /**
     * Keeps the SDK's default credentials chain from finding anything on this machine (system properties, profile
     * files, the EC2 instance metadata service), so a trigger that relies on it fails as it would without an identity.
     * The environment cannot be changed from Java: a machine with {@code AWS_ACCESS_KEY_ID} set is not such a machine.
     */
    public static void withoutAmbientAwsCredentials(Path scratch) {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.setProperty("aws.disableEc2Metadata", "true");
        System.setProperty("aws.sharedCredentialsFile", scratch.resolve("no-aws-credentials").toString());
        System.setProperty("aws.configFile", scratch.resolve("no-aws-config").toString());
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Creates the queue (no-op when it exists) and returns its URL, {@code http://127.0.0.1:<port>/000000000000/<name>}. */
    public String createQueue(String name) {
        return admin.createQueue(request -> request.queueName(name)).queueUrl();
    }

    public void send(String queueUrl, int count) {
        sendDelayed(queueUrl, count, 0);
    }

    /** Sends {@code count} messages that stay delayed for {@code delaySeconds}. */
    public void sendDelayed(String queueUrl, int count, int delaySeconds) {
        for (int sent = 0; sent < count; sent += 10) {
            int first = sent;
            var entries = IntStream.range(first, Math.min(count, first + 10))
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("message " + i)
                            .delaySeconds(delaySeconds).build())
                    .toList();
            admin.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
        }
    }

    /** Receives up to {@code count} messages and keeps them in flight for {@code visibilitySeconds}; returns how many. */
    public int receive(String queueUrl, int count, int visibilitySeconds) {
        int received = 0;
        while (received < count) {
            int asked = Math.min(10, count - received);
            int got = admin.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(asked)
                    .visibilityTimeout(visibilitySeconds)).messages().size();
            if (got == 0) {
                break;
            }
            received += got;
        }
        return received;
    }

    /** Deletes every message, visible, in flight and delayed. */
    public void purge(String queueUrl) {
        admin.purgeQueue(request -> request.queueUrl(queueUrl));
    }

    /** The server's own counts: {@code GetQueueAttributes} with every attribute, as a map of names to values. */
    public Map<String, String> attributes(String queueUrl) {
        return admin.getQueueAttributes(request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.ALL))
                .attributesAsStrings();
    }

    /** One count of {@link #attributes}, e.g. {@code ApproximateNumberOfMessagesNotVisible}. */
    public long count(String queueUrl, String attribute) {
        return Long.parseLong(attributes(queueUrl).get(attribute));
    }

    @Override
    public synchronized void close() {
        admin.close();
        server.stopAndWait();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
