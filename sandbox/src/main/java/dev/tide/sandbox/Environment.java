package dev.tide.sandbox;

import dev.tide.keda.api.ScaledJob;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Everything one run needs, started in order and stopped in reverse: the API server, Kafka, the controller, the
 * producer (and for the combined scenario a Prometheus scraping its count), then the metrics service, the workload and
 * the HPA loop with the Deployment and the ScaledObject applied, or (the jobs scenario) the job runner with the
 * ScaledJob applied.
 */
final class Environment implements AutoCloseable {

    /** Held so that the level stays: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    final Settings settings;
    final Path runDir;
    final Clock clock;
    final MockApiServer api;
    final KubernetesClient client;
    final String bootstrapServers;
    final Producer producer;
    /** The combined scenario's: the cron trigger's window, and the Prometheus its prometheus trigger reads. */
    final Optional<CronRunWindow> cronWindow;
    private final Optional<PrometheusProcess> prometheus;
    private final Optional<DeploymentParts> deployment;
    private final Optional<JobParts> jobs;

    /** The controller's actuator port: {@code /actuator/prometheus} as Prometheus scrapes it. */
    final int controllerManagementPort;

    /**
     * The scale and modifiers scenarios' stand-ins for the kubelet and kube-controller-manager.
     *
     * @param workload the Deployment's pods
     * @param hpaLoop the HPA controller
     * @param metricsManagementPort the metrics service's actuator port
     */
    record DeploymentParts(Workload workload, HpaLoop hpaLoop, int metricsManagementPort) {
    }

    /**
     * The jobs scenario's.
     *
     * @param setup what the applied ScaledJob says
     * @param runner the Job controller and the Jobs' pods
     */
    record JobParts(JobSetup setup, JobRunner runner) {
    }

    Environment(Settings settings, Path runDir, Clock clock, StatusLine status) {
        this.settings = settings;
        this.runDir = runDir;
        this.clock = clock;
        try {
            if (settings.scenario().combined()) {
                // Before anything starts: a missing binary fails the run at once, naming the install command.
                PrometheusProcess.binary();
            }
            Files.createDirectories(runDir.resolve("logs"));
            // The mock server's own request log goes through java.util.logging.
            MOCK_SERVER_LOG.setLevel(Level.WARNING);

            status.step("in-memory Kubernetes API with Tide's CRDs");
            api = track(new MockApiServer(clock));
            client = api.client();
            api.writeKubeconfig(runDir.resolve("kubeconfig"));

            List<String> topics = settings.scenario().topicNames();
            int partitions = settings.load().partitions();
            status.step("Kafka broker (KRaft) with " + (topics.size() == 1
                    ? "topic " + topics.get(0) + " (" + partitions + " partitions)"
                    : "topics " + String.join(", ", topics) + " (" + partitions + " partitions each)"));
            EmbeddedKafkaBroker kafka = new EmbeddedKafkaKraftBroker(1, partitions, topics.toArray(String[]::new))
                    .brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
            PrintStream console = System.out;
            // Kafka's storage formatter prints to standard output; the terminal is the timeline's.
            System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            try {
                kafka.afterPropertiesSet();
            } finally {
                System.setOut(console);
            }
            started.push(kafka::destroy);
            bootstrapServers = kafka.getBrokersAsString();

            Path apps = appsDir();
            Path work = apps.resolve("unpacked");
            int controllerPort = freePort();
            controllerManagementPort = freePort();
            // The controller builds its client from the environment, as in a pod: here, system properties.
            System.setProperty("kubernetes.master", api.url());
            System.setProperty("kubernetes.namespace", Settings.NAMESPACE);
            System.setProperty("kubernetes.auth.tryKubeConfig", "false");
            System.setProperty("kubernetes.auth.tryServiceAccount", "false");
            status.step("Tide controller (leader election, scale loops, internal metrics API on :" + controllerPort + ")");
            track(BootApp.start("controller", apps.resolve("controller-service.jar"), work, List.of(
                    "--server.port=" + controllerPort,
                    "--management.server.port=" + controllerManagementPort,
                    "--tide.controller.cluster-object-namespace=" + Settings.NAMESPACE,
                    "--tide.controller.plugins-dir=" + settings.plugins().orElse(runDir.resolve("plugins")).toAbsolutePath(),
                    "--tide.controller.leader-election.identity=sandbox-controller",
                    "--spring.main.banner-mode=off",
                    "--logging.threshold.console=off",
                    "--logging.file.name=" + runDir.resolve("logs/controller.log"))));
            if (settings.plugins().isPresent()) {
                PluginReport.loaded(runDir.resolve("logs/controller.log")).forEach(status::note);
            }

            // Before the workload: the combined scenario's Prometheus scrapes the producer's count.
            producer = track(new Producer(bootstrapServers, settings.scenario().topics(), partitions, clock));
            if (settings.scenario().combined()) {
                status.step("Prometheus (scraping " + PrometheusProcess.PRODUCED + " every second)");
                prometheus = Optional.of(track(PrometheusProcess.start(runDir.resolve("prometheus"),
                        runDir.resolve("logs/prometheus.log"), producer::sent, clock)));
                // The run may wait for Tide's first reconcile before its profile, then last up to --duration.
                cronWindow = Optional.of(CronRunWindow.covering(clock.instant(),
                        settings.maxDuration().plus(Scenario.RECONCILE_WAIT)));
            } else {
                prometheus = Optional.empty();
                cronWindow = Optional.empty();
            }

            if (settings.scenario().runsJobs()) {
                deployment = Optional.empty();
                jobs = Optional.of(startJobs(status));
            } else {
                deployment = Optional.of(startDeployment(status, apps, controllerPort));
                jobs = Optional.empty();
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The metrics service, the Deployment with its workload, the HPA loop and the ScaledObject. */
    private DeploymentParts startDeployment(StatusLine status, Path apps, int controllerPort) throws IOException {
        Path work = apps.resolve("unpacked");
        int metricsPort = freePort();
        int metricsManagementPort = freePort();
        Pki pki = Pki.create();
        pki.writeMetricsServiceFiles(runDir.resolve("certs"));
        status.step("Tide metrics service (external.metrics.k8s.io on https://127.0.0.1:" + metricsPort + ")");
        track(BootApp.start("metrics-service", apps.resolve("metrics-service.jar"), work, List.of(
                "--server.port=" + metricsPort,
                "--management.server.port=" + metricsManagementPort,
                "--tide.metrics.cert-dir=" + runDir.resolve("certs"),
                "--tide.metrics.controller.endpoints=http://127.0.0.1:" + controllerPort,
                "--tide.metrics.controller.ssl-bundle=",
                "--spring.main.banner-mode=off",
                "--logging.threshold.console=off",
                "--logging.file.name=" + runDir.resolve("logs/metrics-service.log"))));

        status.step("Deployment " + Settings.DEPLOYMENT + " at 0 replicas, one Kafka consumer per replica at "
                + settings.load().consumerRate() + " msg/s");
        client.apps().deployments().inNamespace(Settings.NAMESPACE).resource(workerDeployment()).create();
        Workload workload = track(new Workload(api.newClient(), Settings.NAMESPACE, Settings.DEPLOYMENT, bootstrapServers,
                settings.scenario().topicNames(), Settings.GROUP, settings.load().consumerRate()));
        workload.start();

        status.step("HPA loop (sync every " + settings.hpaSyncPeriod().toMillis() + " ms)");
        // The HPA reads pod usage averaged over its own sync period: what each pod did since the last sync.
        HpaLoop hpaLoop = track(new HpaLoop(api.newClient(), Settings.NAMESPACE,
                URI.create("https://127.0.0.1:" + metricsPort),
                name -> workload.podUsage(name, settings.hpaSyncPeriod()), pki.aggregatorContext(), clock,
                settings.hpaSyncPeriod()));
        hpaLoop.start();

        String scaledObjectYaml = scaledYaml();
        Files.writeString(runDir.resolve("scaledobject.yaml"), scaledObjectYaml);
        status.step("ScaledObject " + Settings.SCALED_OBJECT);
        GenericKubernetesResource scaledObject = client.getKubernetesSerialization()
                .unmarshal(scaledObjectYaml, GenericKubernetesResource.class);
        client.resource(scaledObject).create();
        return new DeploymentParts(workload, hpaLoop, metricsManagementPort);
    }

    /** The job runner, then the ScaledJob: the runner is there before the first Job is. */
    private JobParts startJobs(StatusLine status) throws IOException {
        String yaml = scaledYaml();
        Files.writeString(runDir.resolve("scaledjob.yaml"), yaml);
        JobSetup setup = JobSetup.of(client.getKubernetesSerialization().unmarshal(yaml, ScaledJob.class));
        status.step("job runner (a Job takes " + setup.messagesPerJob() + " messages and runs "
                + settings.load().jobDuration().toMillis() + " ms)");
        JobRunner runner = track(new JobRunner(api.newClient(), Settings.NAMESPACE, setup, bootstrapServers,
                settings.scenario().topicNames().get(0), settings.load().partitions(), settings.load().jobDuration(),
                clock));
        runner.start();
        status.step("ScaledJob " + setup.name());
        client.resource(client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class)).create();
        return new JobParts(setup, runner);
    }

    DeploymentParts deployment() {
        return deployment.orElseThrow(() -> new IllegalStateException("the jobs scenario has no Deployment"));
    }

    JobParts jobs() {
        return jobs.orElseThrow(() -> new IllegalStateException("only the jobs scenario has Jobs"));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        started.push(closeable);
        return closeable;
    }

    /** The scenario's ScaledObject or ScaledJob, or the user's, with the placeholders filled in. */
    private String scaledYaml() throws IOException {
        String template;
        if (settings.scaling().ownYaml().isPresent()) {
            template = Files.readString(settings.scaling().ownYaml().get());
        } else {
            try (InputStream in = Environment.class.getResourceAsStream(settings.scenario().resource())) {
                template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        String filled = template;
        if (cronWindow.isPresent() && prometheus.isPresent()) {
            filled = filled.replace("${cronStart}", cronWindow.get().start()).replace("${cronEnd}", cronWindow.get().end())
                    .replace("${prometheusAddress}", prometheus.get().address().toString());
        }
        return filled.replace("${bootstrapServers}", bootstrapServers)
                .replace("${pollingInterval}", Long.toString(seconds(settings.scaling().pollingInterval())))
                .replace("${cooldownPeriod}", Long.toString(seconds(settings.scaling().cooldown())));
    }

    private static long seconds(Duration duration) {
        // KEDA's fields are whole seconds.
        return Math.max(duration.toSeconds(), duration.isZero() ? 0 : 1);
    }

    private static Deployment workerDeployment() {
        Map<String, String> labels = Map.of("app", Settings.DEPLOYMENT);
        return new DeploymentBuilder()
                .withNewMetadata().withName(Settings.DEPLOYMENT).withNamespace(Settings.NAMESPACE).withLabels(labels)
                .endMetadata()
                .withNewSpec().withReplicas(0)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName(Settings.CONTAINER).withImage("tide/orders-worker:sandbox")
                .withResources(UsageModel.requests()).endContainer()
                .endSpec().endTemplate()
                .endSpec()
                .build();
    }

    /** Where the build put the services' executable jars. */
    static Path appsDir() {
        String configured = System.getProperty("tide.sandbox.apps");
        Path dir = configured != null ? Path.of(configured) : Path.of("sandbox", "target", "apps");
        if (!Files.isRegularFile(dir.resolve("controller-service.jar"))
                || !Files.isRegularFile(dir.resolve("metrics-service.jar"))) {
            throw new SandboxException("the services' jars are not in " + dir.toAbsolutePath()
                    + ": build them first with ./mvnw -B -q -pl sandbox -am package -DskipTests (./sandbox.sh does)");
        }
        return dir;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new SandboxException("stopping the sandbox failed: " + e, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
