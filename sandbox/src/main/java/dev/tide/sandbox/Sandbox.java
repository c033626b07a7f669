package dev.tide.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./sandbox.sh}: Tide scaling a Kafka workload 0 → N → 0 in one JVM (or, with {@code --scenario jobs}, a
 * ScaledJob's Jobs draining a queue), with a timeline, a chart and a verdict.
 */
@Command(name = "sandbox.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs Tide's controller and metrics service against an in-memory Kubernetes API and a real "
                + "Kafka broker, with an HPA loop and a Kafka workload, and shows it scale 0 -> N -> 0 (--scenario "
                + "jobs: a ScaledJob's Jobs, started and completed by a job runner, drain the queue).%n"
                + "Exit code 0 when it did, 1 with the reason when it did not, 2 for a usage error.")
public final class Sandbox implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "scale", converter = ScenarioFlag.class,
            description = "scale: one topic and one kafka trigger; modifiers: topics orders and returns, a kafka "
                    + "trigger named after each and scalingModifiers (formula orders + returns), so the HPA gets one "
                    + "composite-metric; cpu: a kafka trigger with lagThreshold 1000 and a cpu trigger (Utilization "
                    + "50), minReplicaCount 1, so the HPA scales on the pods' simulated cpu; combined: kafka, cpu, a cron "
                    + "window open for the whole run (desiredReplicas 2) and prometheus (a real Prometheus, apt-get "
                    + "install prometheus, scraping the producer's count); jobs: a ScaledJob on topic "
                    + "orders, whose Jobs a job runner starts and completes. Default: ${DEFAULT-VALUE}")
    ScenarioKind scenario;

    @Option(names = "--profile", paramLabel = "PHASES", defaultValue = LoadProfile.DEFAULT,
            description = "Load profile: idle <duration>, burst <messages>, steady <rate>/s <duration>; a last 'idle' "
                    + "lasts until the end. Default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--consumer-rate", paramLabel = "MSG_PER_S", defaultValue = "50",
            description = "Messages per second one replica processes. Default: ${DEFAULT-VALUE}")
    double consumerRate;

    @Option(names = "--job-duration", paramLabel = "DURATION", defaultValue = "5s",
            description = "How long one Job runs before it completes (--scenario jobs). Default: ${DEFAULT-VALUE}")
    String jobDuration;

    @Option(names = "--polling-interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "The ScaledObject's or ScaledJob's pollingInterval (whole seconds). Default: ${DEFAULT-VALUE}")
    String pollingInterval;

    @Option(names = "--cooldown", paramLabel = "DURATION", defaultValue = "10s",
            description = "The ScaledObject's cooldownPeriod. Default: ${DEFAULT-VALUE}")
    String cooldown;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "3m",
            description = "Give up after this long. Default: ${DEFAULT-VALUE}")
    String duration;

    @Option(names = "--hpa-sync-period", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often the HPA loop syncs (kube-controller-manager: 15s). Default: ${DEFAULT-VALUE}")
    String hpaSyncPeriod;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of each topic; KEDA's kafka scaler caps the lag near partitions x lagThreshold. Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--scaled-object", paramLabel = "FILE",
            description = "A ScaledObject YAML to use instead of the scenario's built-in one "
                    + "(sandbox/src/main/resources/scaledobject.yaml, scaledobject-modifiers.yaml, scaledobject-cpu.yaml, "
                    + "scaledobject-combined.yaml)")
    Path scaledObject;

    @Option(names = "--scaled-job", paramLabel = "FILE",
            description = "With --scenario jobs: a ScaledJob YAML to use instead of the built-in one "
                    + "(sandbox/src/main/resources/scaledjob.yaml)")
    Path scaledJob;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sandbox/target/runs",
            description = "Folder for the run folders. Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "A plugins folder for the controller (one jar or sub-folder per scaler plugin), such as a "
                    + "plugin build's target/plugin; the types it loads are printed at start-up")
    Path plugins;

    @Option(names = "--reaction-trials", paramLabel = "N", defaultValue = "0",
            description = "Instead of the profile, measure N times the time from one produced message to the /scale "
                    + "write that activates the workload (the reaction benchmark)")
    int reactionTrials;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Sandbox()).execute(args));
    }

    @Override
    public Integer call() {
        PrintStream console = System.out;
        Settings settings = settings();
        Path runDir = settings.outDir().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        System.setProperty("tide.sandbox.log", runDir.resolve("logs/sandbox.log").toString());
        console.println("Tide sandbox: run folder " + runDir.toAbsolutePath());
        StatusLine status = new StatusLine(console);
        try (Environment env = new Environment(settings, runDir, Clock.systemUTC(), status)) {
            console.println("  kubectl: KUBECONFIG=" + runDir.resolve("kubeconfig").toAbsolutePath()
                    + (settings.scenario().runsJobs() ? " kubectl get sj,jobs,pods -w" : " kubectl get so,hpa,deploy -w"));
            if (reactionTrials > 0) {
                return new ReactionBenchmark(env, console).run(reactionTrials) ? 0 : 1;
            }
            RunReport report = settings.scenario().runsJobs() ? new JobScenario(env, console).run()
                    : new Scenario(env, console).run();
            report.write();
            report.print(console);
            return report.failure().isEmpty() ? 0 : 1;
        } catch (SandboxException e) {
            console.println("  RESULT: FAILED: " + e.getMessage());
            return 1;
        }
    }

    /** The settings the flags give; a flag that does not fit the scenario is a usage error. */
    Settings settings() {
        if (scenario.runsJobs() && scaledObject != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--scaled-object is for the scale, modifiers, cpu and combined scenarios: give a ScaledJob with --scaled-job");
        }
        if (!scenario.runsJobs() && scaledJob != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scaled-job needs --scenario jobs");
        }
        if (scenario.runsJobs() && reactionTrials > 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--reaction-trials measures a Deployment's activation: not with --scenario jobs");
        }
        if (scenario.cpu() && reactionTrials > 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--reaction-trials measures a Deployment's activation from 0: not with --scenario cpu, whose "
                            + "minReplicaCount is 1");
        }
        if (scenario.combined() && reactionTrials > 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--reaction-trials measures a Deployment's activation from 0: not with --scenario combined, whose "
                            + "cron trigger holds 2 replicas");
        }
        return new Settings(scenario, new Settings.Load(LoadProfile.parse(profile), partitions, consumerRate,
                        LoadProfile.duration(jobDuration)),
                new Settings.Scaling(LoadProfile.duration(pollingInterval), LoadProfile.duration(cooldown),
                        Optional.ofNullable(scenario.runsJobs() ? scaledJob : scaledObject)),
                LoadProfile.duration(hpaSyncPeriod), LoadProfile.duration(duration), out,
                Optional.ofNullable(plugins));
    }

    /** {@code --scenario scale|modifiers|cpu|combined|jobs}, as the enum's lower-case names. */
    static final class ScenarioFlag implements CommandLine.ITypeConverter<ScenarioKind> {
        @Override
        public ScenarioKind convert(String value) {
            return ScenarioKind.ofFlag(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "expected one of " + ScenarioKind.flags() + " but was '" + value + "'"));
        }
    }

    /** For tests: the settings the flags give. */
    static Settings settings(String... args) {
        Sandbox sandbox = new Sandbox();
        new CommandLine(sandbox).parseArgs(args);
        return sandbox.settings();
    }

}
