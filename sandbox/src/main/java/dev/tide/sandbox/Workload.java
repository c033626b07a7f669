package dev.tide.sandbox;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Deployment's pods, standing in for the kubelet and the Deployment controller: one real Kafka consumer in the
 * group per replica, subscribed to every topic of the scenario, each consuming at a fixed rate. It follows {@code spec.replicas} and reports what runs in
 * {@code status} (replicas, ready, available), which is what the HPA reads, and stands in for metrics-server: each
 * ready pod's cpu follows the messages it processed over a recent window ({@link UsageModel}).
 */
final class Workload implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workload.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String deployment;
    private final String bootstrapServers;
    private final List<String> topics;
    private final String group;
    private final double messagesPerSecond;
    private final Deque<Pod> pods = new ArrayDeque<>();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicInteger podNumber = new AtomicInteger();
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon("workload-reconciler", runnable));
    private volatile int lastReportedReady = -1;

    Workload(KubernetesClient client, String namespace, String deployment, String bootstrapServers,
            List<String> topics, String group, double messagesPerSecond) {
        this.client = client;
        this.namespace = namespace;
        this.deployment = deployment;
        this.bootstrapServers = bootstrapServers;
        this.topics = List.copyOf(topics);
        this.group = group;
        this.messagesPerSecond = messagesPerSecond;
    }

    /** Follows {@code spec.replicas} every 100 ms, as quickly as a kubelet starts a warm container. */
    void start() {
        reconciler.scheduleWithFixedDelay(this::reconcile, 0, 100, TimeUnit.MILLISECONDS);
    }

    int runningPods() {
        synchronized (pods) {
            return pods.size();
        }
    }

    long consumed() {
        return consumed.get();
    }

    /**
     * The pods of {@code name} and what each uses, its cpu from the messages it processed over {@code window}
     * ({@link UsageModel#SANDBOX}); a pod reports nothing until it is ready and has been sampled twice.
     */
    List<PodUsage> podUsage(String name, Duration window) {
        if (!deployment.equals(name)) {
            return List.of();
        }
        return currentPods().stream().map(pod -> new PodUsage(pod.name, pod.meter.perSecond(window).stream()
                .mapToObj(rate -> new PodUsage.ContainerUsage(Settings.CONTAINER,
                        UsageModel.SANDBOX.cpu(rate, messagesPerSecond), UsageModel.SANDBOX.memory()))
                .findFirst())).toList();
    }

    private void reconcile() {
        try {
            Deployment current = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
            if (current == null) {
                return;
            }
            Integer specReplicas = current.getSpec().getReplicas();
            int wanted = specReplicas == null ? 1 : specReplicas;
            synchronized (pods) {
                while (pods.size() < wanted) {
                    pods.addLast(new Pod(deployment + "-" + podNumber.incrementAndGet()));
                }
                while (pods.size() > wanted) {
                    pods.removeLast().stop();
                }
            }
            long now = System.nanoTime();
            currentPods().stream().filter(Pod::ready).forEach(pod -> pod.meter.record(now, pod.processed.get()));
            int ready = (int) currentPods().stream().filter(Pod::ready).count();
            int running = runningPods();
            DeploymentStatus status = current.getStatus();
            if (ready != lastReportedReady || status == null || !Integer.valueOf(running).equals(status.getReplicas())) {
                current.setStatus(new DeploymentStatusBuilder().withReplicas(running).withReadyReplicas(ready)
                        .withAvailableReplicas(ready).withUpdatedReplicas(running)
                        .withObservedGeneration(current.getMetadata().getGeneration()).build());
                client.apps().deployments().inNamespace(namespace).resource(current).updateStatus();
                lastReportedReady = ready;
            }
        } catch (KubernetesClientException e) {
            // A conflict with the HPA's or Tide's write: the next round reads again.
            LOG.debug("Workload status update skipped: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Workload reconcile failed; retrying in 100 ms", e);
        }
    }

    private List<Pod> currentPods() {
        synchronized (pods) {
            return List.copyOf(pods);
        }
    }

    static Thread daemon(String name, Runnable runnable) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        reconciler.shutdownNow();
        synchronized (pods) {
            while (!pods.isEmpty()) {
                pods.removeLast().stop();
            }
        }
    }

    /** One replica: a consumer thread. */
    private final class Pod {
        private final String name;
        private final AtomicLong processed = new AtomicLong();
        private final ConsumptionMeter meter = new ConsumptionMeter();
        private final KafkaConsumer<String, String> consumer;
        private final Thread thread;
        private final AtomicBoolean ready = new AtomicBoolean();
        private final AtomicBoolean stopping = new AtomicBoolean();

        Pod(String name) {
            this.name = name;
            Properties properties = new Properties();
            properties.putAll(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.CLIENT_ID_CONFIG, name,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    // Small batches so the rate is even and commits follow the work closely.
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
            consumer = new KafkaConsumer<>(properties);
            thread = daemon("pod-" + name, this::run);
            thread.start();
        }

        boolean ready() {
            return ready.get();
        }

        private void run() {
            long nanosPerMessage = (long) (1_000_000_000L / messagesPerSecond);
            long next = System.nanoTime();
            try {
                consumer.subscribe(topics);
                while (!stopping.get()) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    ready.set(true);
                    for (int i = 0; i < records.count(); i++) {
                        // The work: a fixed time per message.
                        next = Math.max(next + nanosPerMessage, System.nanoTime() - nanosPerMessage);
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        processed.incrementAndGet();
                    }
                    if (!records.isEmpty()) {
                        consumer.commitSync();
                        consumed.addAndGet(records.count());
                    }
                }
            } catch (WakeupException e) {
                // stop() asked us to leave.
            } catch (RuntimeException e) {
                if (!stopping.get()) {
                    LOG.warn("Consumer {} failed", thread.getName(), e);
                }
            } finally {
                // Leaves the group at once, so the others get its partitions without waiting for a session timeout.
                consumer.close(Duration.ofSeconds(2));
            }
        }

        void stop() {
            stopping.set(true);
            consumer.wakeup();
        }
    }
}
