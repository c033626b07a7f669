package dev.tide.scaler.external.testing;

import externalscaler.ExternalScalerGrpc;
import externalscaler.Externalscaler.GetMetricSpecResponse;
import externalscaler.Externalscaler.GetMetricsRequest;
import externalscaler.Externalscaler.GetMetricsResponse;
import externalscaler.Externalscaler.IsActiveResponse;
import externalscaler.Externalscaler.MetricSpec;
import externalscaler.Externalscaler.MetricValue;
import externalscaler.Externalscaler.ScaledObjectRef;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real external scaler: a gRPC server implementing KEDA's {@code externalscaler.proto} in this JVM, written the way
 * KEDA's sample external scalers are. Each ScaledObject ({@code namespace/name}) has a queue length: {@code GetMetrics}
 * returns it, {@code IsActive} says whether it is above 0, and {@code GetMetricSpec} names the metric
 * {@code metricName} (default {@code queue-length}) with target {@code targetSize} (default 5), both read from the
 * trigger's metadata as a real server reads its own parameters, unless {@link #metricSpecs} set the object's specs.
 * {@link #push} sends on every open {@code StreamIsActive} stream of an object.
 *
 * <p>It can stop and start again on the same port, fail every call, or stop answering, and it counts connections
 * and calls, so tests watch what a client really did on the wire.
 */
public final class ExternalScalerServer implements AutoCloseable {

    /** How the server behaves towards calls. */
    public enum Mode { SERVING, FAILING, HANGING }

    private final ServerCredentials credentials;
    private final Map<String, Double> lengths = new ConcurrentHashMap<>();
    private final Map<String, List<MetricSpec>> specs = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> lastMetadata = new ConcurrentHashMap<>();
    private final Map<String, List<StreamObserver<IsActiveResponse>>> streams = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Mode mode = Mode.SERVING;
    private volatile int port;
    private Server server;

    private ExternalScalerServer(ServerCredentials credentials) {
        this.credentials = credentials;
    }

    /** A plaintext server on a free port, started. */
    public static ExternalScalerServer plaintext() {
        return new ExternalScalerServer(InsecureServerCredentials.create()).start();
    }

    /** A server that presents a certificate of {@code authority} and requires a client certificate it signed. */
    public static ExternalScalerServer mutualTls(TestCertificates authority) {
        TestCertificates.Pem serving = authority.server();
        try {
            return new ExternalScalerServer(TlsServerCredentials.newBuilder()
                    .keyManager(stream(serving.certificate()), stream(serving.key()))
                    .trustManager(stream(authority.caCertificate()))
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                    .build()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts, or starts again on the port it had. */
    public synchronized ExternalScalerServer start() {
        try {
            server = Grpc.newServerBuilderForPort(port, credentials)
                    .addService(new Service())
                    .addTransportFilter(new ServerTransportFilter() {
                        @Override
                        public Attributes transportReady(Attributes attributes) {
                            connections.incrementAndGet();
                            return attributes;
                        }
                    })
                    .build()
                    .start();
            port = server.getPort();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the external scaler on port " + port, e);
        }
    }

    /** Stops at once: open streams and calls fail, new connections are refused. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
            streams.clear();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code localhost:<port>}, what a trigger's {@code scalerAddress} says. */
    public String address() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public void length(String namespace, String name, double length) {
        lengths.put(namespace + "/" + name, length);
    }

    /** What {@code GetMetricSpec} answers for the object from now on, whatever its metadata says. */
    public void metricSpecs(String namespace, String name, List<MetricSpec> metricSpecs) {
        specs.put(namespace + "/" + name, List.copyOf(metricSpecs));
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Sends {@code active} on every open {@code StreamIsActive} of the object; how many streams got it. */
    public int push(String namespace, String name, boolean active) {
        List<StreamObserver<IsActiveResponse>> open = streams.getOrDefault(namespace + "/" + name, List.of());
        IsActiveResponse response = IsActiveResponse.newBuilder().setResult(active).build();
        int sent = 0;
        for (StreamObserver<IsActiveResponse> stream : open) {
            try {
                stream.onNext(response);
                sent++;
            } catch (RuntimeException closed) {
                open.remove(stream);
            }
        }
        return sent;
    }

    /**
     * Ends every open {@code StreamIsActive} of the object cleanly, as a server does when it closes a stream; the
     * client sees the end after everything pushed before it. How many streams were ended.
     */
    public int endStreams(String namespace, String name) {
        List<StreamObserver<IsActiveResponse>> open = streams.getOrDefault(namespace + "/" + name, List.of());
        int ended = 0;
        for (StreamObserver<IsActiveResponse> stream : open) {
            open.remove(stream);
            stream.onCompleted();
            ended++;
        }
        return ended;
    }

    /** {@code StreamIsActive} streams of the object that are open: a stream the client cancelled no longer counts. */
    public int openStreams(String namespace, String name) {
        return streams.getOrDefault(namespace + "/" + name, List.of()).size();
    }

    /** Transport connections accepted since the server was made. */
    public int connections() {
        return connections.get();
    }

    /** Calls of one RPC ({@code IsActive}, {@code GetMetrics}, ...) since the server was made. */
    public int calls(String method) {
        return calls.computeIfAbsent(method, m -> new AtomicInteger()).get();
    }

    /** The scalerMetadata the object's last call carried. */
    public Map<String, String> lastMetadata(String namespace, String name) {
        return lastMetadata.getOrDefault(namespace + "/" + name, Map.of());
    }

    private static ByteArrayInputStream stream(String pem) {
        return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private final class Service extends ExternalScalerGrpc.ExternalScalerImplBase {

        /** Counts the call and answers per the mode; false when the caller must not answer. */
        private boolean serve(String method, ScaledObjectRef ref, StreamObserver<?> observer) {
            calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
            lastMetadata.put(key(ref), Map.copyOf(ref.getScalerMetadataMap()));
            return switch (mode) {
                case SERVING -> true;
                case FAILING -> {
                    observer.onError(Status.UNAVAILABLE.withDescription("the queue backend is down").asRuntimeException());
                    yield false;
                }
                case HANGING -> false;
            };
        }

        @Override
        public void isActive(ScaledObjectRef ref, StreamObserver<IsActiveResponse> observer) {
            if (serve("IsActive", ref, observer)) {
                observer.onNext(IsActiveResponse.newBuilder().setResult(lengths.getOrDefault(key(ref), 0.0) > 0).build());
                observer.onCompleted();
            }
        }

        @Override
        public void streamIsActive(ScaledObjectRef ref, StreamObserver<IsActiveResponse> observer) {
            if (serve("StreamIsActive", ref, observer)) {
                List<StreamObserver<IsActiveResponse>> open = streams.computeIfAbsent(key(ref), k -> new CopyOnWriteArrayList<>());
                ((ServerCallStreamObserver<IsActiveResponse>) observer).setOnCancelHandler(() -> open.remove(observer));
                open.add(observer);
            }
        }

        @Override
        public void getMetricSpec(ScaledObjectRef ref, StreamObserver<GetMetricSpecResponse> observer) {
            if (serve("GetMetricSpec", ref, observer)) {
                Map<String, String> metadata = ref.getScalerMetadataMap();
                List<MetricSpec> set = specs.getOrDefault(key(ref), List.of(MetricSpec.newBuilder()
                        .setMetricName(metadata.getOrDefault("metricName", "queue-length"))
                        .setTargetSizeFloat(Double.parseDouble(metadata.getOrDefault("targetSize", "5")))
                        .build()));
                observer.onNext(GetMetricSpecResponse.newBuilder().addAllMetricSpecs(set).build());
                observer.onCompleted();
            }
        }

        @Override
        public void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> observer) {
            if (serve("GetMetrics", request.getScaledObjectRef(), observer)) {
                observer.onNext(GetMetricsResponse.newBuilder().addMetricValues(MetricValue.newBuilder()
                        .setMetricName(request.getMetricName())
                        .setMetricValueFloat(lengths.getOrDefault(key(request.getScaledObjectRef()), 0.0)))
                        .build());
                observer.onCompleted();
            }
        }

        private String key(ScaledObjectRef ref) {
            return ref.getNamespace() + "/" + ref.getName();
        }
    }
}
