package dev.tide.controller.jobs;

import static dev.tide.controller.LoopBenchmarkSupport.processCpuNanos;
import static dev.tide.controller.LoopBenchmarkSupport.sleep;

import dev.tide.controller.LoopBenchmarkSupport;
import dev.tide.controller.LoopBenchmarkSupport.CheapScaler;
import dev.tide.controller.config.LoopExecutors;
import dev.tide.controller.jobs.MemoryJobs.Request;
import dev.tide.controller.observability.ScalingMetrics;
import dev.tide.controller.sources.ScalerCache;
import dev.tide.keda.api.KedaApi;
import dev.tide.keda.api.KedaCondition;
import dev.tide.keda.api.KedaJobCondition;
import dev.tide.keda.api.ScaleTrigger;
import dev.tide.keda.api.ScaledJob;
import dev.tide.keda.api.ScaledJobSpec;
import dev.tide.keda.api.ScaledJobStatus;
import dev.tide.scaler.api.ScaledObjectRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ScaledJob loop benchmarks behind BENCHMARKS.md ("ScaledJob loops (issue 17)"). Not a test: run it with the
 * command given there.
 *
 * <p>It runs the real job loops ({@link JobLoops}, {@link JobPass}, {@link JobCensus}, replica-math's jobs package,
 * the Sampler over SourceGuards with resilience4j, ScalingMetrics on a Prometheus registry, the default pools) with one
 * cheap in-memory scaler per ScaledJob against {@link MemoryJobs}, an in-memory API server that counts every request by
 * kind. Each pass LISTs the ScaledJob's Jobs and their pods from it.
 *
 * <p>Arguments: {@code <scenario> [ScaledJobs] [seconds] [history limits] [API latency ms] [start]}, scenario
 * {@code idle} (queue 0; defaults 1000 60 0 0 leader) or {@code demand} (queue 1, each Job runs 4.5 s; defaults 1000
 * 60 5 0 leader), start {@code leader} or {@code spread} ({@link Start}).
 */
public final class JobLoopBenchmark {

    /** How long a Job runs in {@code demand}: the pass 5 s after its creation finds it finished and starts the next. */
    static final Duration JOB_RUNS_FOR = Duration.ofMillis(4500);

    /** The two steady states measured. */
    enum Scenario {
        /** Queue 0: nothing to start; by default no finished Jobs either. */
        IDLE(0, 0, Duration.ofMillis(5_500)),
        /** Queue 1: one Job at a time, each running 4.5 s, so 12 Jobs per ScaledJob per minute; 5 finished Jobs kept. */
        DEMAND(1, 5, Duration.ofMillis(12_500));

        final long queue;
        final int defaultHistoryLimit;
        /**
         * Time from the start to the measured window. Started as a leader starts them, the loops pass in step, every
         * second from the start, and under demand create every 5 s: the window opens and closes between two passes and
         * in the middle of a cycle (spread loops create within the first second of each cycle).
         */
        final Duration settle;

        Scenario(long queue, int defaultHistoryLimit, Duration settle) {
            this.queue = queue;
            this.defaultHistoryLimit = defaultHistoryLimit;
            this.settle = settle;
        }
    }

    /**
     * What each benchmark ScaledJob sees.
     *
     * @param queue the one trigger's value (target 1: a queue of 1 asks for one Job at a time)
     * @param historyLimit both history limits, and the finished Jobs each ScaledJob already has when the loops start
     * @param apiLatency added to every request to the in-memory API server
     */
    record Workload(long queue, int historyLimit, Duration apiLatency) {
    }

    /** How the loops start. */
    enum Start {
        /**
         * As a replica that takes the lead starts them: every ScaledJob registered, then {@link JobLoops#startAll},
         * which schedules every loop with no initial delay, so all of them pass in the same instant every second.
         */
        LEADER,
        /**
         * As on a leader while ScaledJobs are created one after another: {@link JobLoops#startAll} first, then one
         * registration every 1/n s, each starting its loop at once, so the passes spread over the second.
         */
        SPREAD
    }

    /** What the reconciler hands the loops for one ScaledJob. */
    record Registration(ScaledJob scaledJob, ScalerCache.Entry scalers) {
    }

    record Setup(JobLoops loops, MemoryJobs cluster, CompositeMeterRegistry registry, LoopExecutors executors,
            List<Registration> registrations) {

        void start(Start start) {
            if (start == Start.LEADER) {
                registrations.forEach(r -> loops.register(r.scaledJob(), r.scalers()));
                loops.startAll();
                return;
            }
            loops.startAll();
            long begin = System.nanoTime();
            long every = TimeUnit.SECONDS.toNanos(1) / registrations.size();
            for (int i = 0; i < registrations.size(); i++) {
                sleep(Duration.ofNanos(begin + i * every - System.nanoTime()));
                loops.register(registrations.get(i).scaledJob(), registrations.get(i).scalers());
            }
        }

        /** Stops the loops, lets the passes already handed to a worker end, and shuts the pools down. */
        void close() {
            loops.stopAll();
            sleep(Duration.ofSeconds(2));
            executors.close();
        }

        /**
         * Opens the measured window: a registry joins the composite now, so its lag timer holds this window's passes
         * only, not the settling ones.
         */
        Timer openWindow() {
            SimpleMeterRegistry window = new SimpleMeterRegistry();
            window.config().meterFilter(LoopBenchmarkSupport.lagPercentiles());
            registry.add(window);
            return window.get(LoopBenchmarkSupport.LAG_TIMER).timer();
        }
    }

    static Setup setup(int count, Workload workload) {
        var executors = LoopBenchmarkSupport.defaultExecutors();
        var registry = new CompositeMeterRegistry();
        registry.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        var cluster = new MemoryJobs(JOB_RUNS_FOR, workload.apiLatency());
        var metrics = new ScalingMetrics(registry);
        var loops = new JobLoops(cluster, LoopBenchmarkSupport.sampler(executors, registry, metrics), metrics, Clock.systemUTC(),
                executors, "bench");
        List<Registration> registrations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String ns = "bench-" + (i % 50);
            String name = "sj-" + i;
            ScaledJob scaledJob = scaledJob(ns, name, i, workload.historyLimit());
            cluster.prefill(scaledJob, workload.historyLimit());
            var trigger = scaledJob.getSpec().triggers().get(0);
            registrations.add(new Registration(scaledJob, LoopBenchmarkSupport.oneTrigger(
                    new ScaledObjectRef(KedaApi.SCALED_JOB_KIND, ns, name), trigger.metadata(), 1, spec -> new CheapScaler(spec, workload.queue()))));
        }
        return new Setup(loops, cluster, registry, executors, List.copyOf(registrations));
    }

    /** A ScaledJob polled every second, with the status the reconciler leaves before its loop starts. */
    static ScaledJob scaledJob(String ns, String name, int i, int historyLimit) {
        ScaledJob scaledJob = new ScaledJob();
        scaledJob.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).withGeneration(1L)
                .withCreationTimestamp(Instant.now().minusSeconds(3600).toString()).withUid("uid-" + i).build());
        JobSpec jobTargetRef = new JobSpecBuilder().withBackoffLimit(2).withNewTemplate().withNewSpec()
                .addNewContainer().withName("work").withImage("registry.example/worker:1.0").withCommand("/worker", "--one-message")
                .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi")).endResources()
                .endContainer().withRestartPolicy("Never").endSpec().endTemplate().build();
        var trigger = new ScaleTrigger("bench", null, Map.of("source", "q" + i, "host", "h" + (i % 20)), null, null, null);
        scaledJob.setSpec(new ScaledJobSpec(jobTargetRef, 1, historyLimit, historyLimit, null, null, null, null, 10, null,
                List.of(trigger)));
        ScaledJobStatus status = new ScaledJobStatus();
        for (KedaCondition.Type type : KedaCondition.Type.values()) {
            status.setCondition(type.initial());
        }
        status.setCondition(KedaJobCondition.RECONCILED.condition());
        scaledJob.setStatus(status);
        return scaledJob;
    }

    public static void main(String[] args) {
        Scenario scenario = Scenario.valueOf((args.length > 0 ? args[0] : "idle").toUpperCase(Locale.ROOT));
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int history = args.length > 3 ? Integer.parseInt(args[3]) : scenario.defaultHistoryLimit;
        Duration latency = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 0);
        Start start = Start.valueOf((args.length > 5 ? args[5] : "leader").toUpperCase(Locale.ROOT));
        System.out.println(LoopBenchmarkSupport.machine());
        measure(scenario, start, count, seconds, new Workload(scenario.queue, history, latency));
        System.out.println(LoopBenchmarkSupport.loadAtTheEnd());
        System.exit(0);
    }

    /**
     * A 15 s warm-up on a separate set of loops (JIT), then the loops measured: started as a new leader starts them,
     * left to settle (every ScaledJob's first pass writes its status; under demand, one Job created, finished and
     * trimmed), then {@code seconds} measured. Requests and passes are counted over the window only.
     */
    static void measure(Scenario scenario, Start start, int count, int seconds, Workload workload) {
        Setup warmUp = setup(count, workload);
        warmUp.start(start);
        sleep(Duration.ofSeconds(15));
        warmUp.close();

        Setup run = setup(count, workload);
        long begin = System.nanoTime();
        run.start(start);
        sleep(Duration.ofNanos(begin + scenario.settle.toNanos() - System.nanoTime()));
        Timer lag = run.openWindow();
        Map<Request, Long> settled = run.cluster().counts();
        long passesBefore = run.loops().passes();
        long bytesBefore = run.cluster().listedBytes();
        long cpuBefore = processCpuNanos();
        long wallBefore = System.nanoTime();
        sleep(Duration.ofSeconds(seconds));
        long wallNanos = System.nanoTime() - wallBefore;
        double cores = (processCpuNanos() - cpuBefore) / (double) wallNanos;
        long passes = run.loops().passes() - passesBefore;
        long listedBytes = run.cluster().listedBytes() - bytesBefore;
        var snapshot = lag.takeSnapshot();
        Map<Request, Long> perMinute = new EnumMap<>(Request.class);
        run.cluster().counts().forEach((r, n) -> perMinute.put(r, Math.round((n - settled.get(r)) * 60e9 / wallNanos)));
        long jobs = run.cluster().jobs();
        long running = run.cluster().runningJobs();
        run.close();

        System.out.printf("%s: %d ScaledJobs x 1 trigger at 1 s, queue %d, history limits %d (as many finished Jobs each at the start),"
                + " API latency %d ms, start %s%n", scenario, count, workload.queue(), workload.historyLimit(),
                workload.apiLatency().toMillis(), start);
        System.out.printf("%s: settling: %s%n", scenario, settled);
        System.out.printf("%s: %d s: %d passes (%.3f per ScaledJob-second), lag%s, max %.1f ms, CPU %.2f cores, load %.2f%n", scenario,
                seconds, passes, passes / (count * wallNanos / 1e9), LoopBenchmarkSupport.percentiles(snapshot),
                snapshot.max(TimeUnit.MILLISECONDS), cores, LoopBenchmarkSupport.loadAverage());
        long reads = perMinute.get(Request.LIST_JOBS) + perMinute.get(Request.LIST_PODS);
        long writes = perMinute.get(Request.CREATE_JOB) + perMinute.get(Request.DELETE_JOB) + perMinute.get(Request.PATCH_STATUS)
                + perMinute.get(Request.EVENT);
        System.out.printf("%s: requests per minute: %s; API reads %d (%.2f per pass, answers of %.1f KB per pass), writes %d%n",
                scenario, perMinute, reads, reads * wallNanos / 60e9 / passes, listedBytes / 1000.0 / passes, writes);
        if (scenario == Scenario.DEMAND) {
            double asked = count * 60.0 / Math.ceil(JOB_RUNS_FOR.toMillis() / 1000.0);
            System.out.printf("%s: Jobs created per minute %d against a demand of %.0f (%.3f); deleted by the history limits %d;"
                    + " Jobs stored at the end %d (%.2f per ScaledJob, %d running)%n", scenario, perMinute.get(Request.CREATE_JOB), asked,
                    perMinute.get(Request.CREATE_JOB) / asked, perMinute.get(Request.DELETE_JOB), jobs, jobs / (double) count, running);
        }
    }

    private JobLoopBenchmark() {
    }
}
