package dev.tide.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One scenario run for the ITs, with the README's timing shortened: the environment stays up for the class's
 * tests, since starting the broker and both services is the expensive part.
 *
 * @param env the started environment
 * @param report what the run showed
 * @param runDir where its files are
 * @param <R> the scenario's report
 */
record ShortRun<R extends RunReport>(Environment env, R report, Path runDir) implements AutoCloseable {

    /** Runs {@code profile} with the ITs' short timing and any further flags, printing the timeline as a user sees it. */
    static ShortRun<Report> start(String runName, String profile, String... flags) {
        return start(runName, profile, (env, out) -> new Scenario(env, out).run(), flags);
    }

    /** The same for {@code --scenario jobs}. */
    static ShortRun<JobReport> startJobs(String runName, String profile, String... flags) {
        List<String> args = new ArrayList<>(List.of("--scenario", "jobs"));
        args.addAll(List.of(flags));
        return start(runName, profile, (env, out) -> new JobScenario(env, out).run(), args.toArray(String[]::new));
    }

    private static <R extends RunReport> ShortRun<R> start(String runName, String profile,
            BiFunction<Environment, PrintStream, R> scenario, String... flags) {
        List<String> args = new ArrayList<>(List.of("--profile", profile,
                "--consumer-rate", "50", "--partitions", "4", "--polling-interval", "1s", "--cooldown", "3s",
                "--hpa-sync-period", "2s", "--duration", "90s", "--out", "target/it-runs"));
        args.addAll(List.of(flags));
        Settings settings = Sandbox.settings(args.toArray(String[]::new));
        Path runDir = settings.outDir().resolve(runName);
        Environment env = new Environment(settings, runDir, Clock.systemUTC(), new StatusLine(System.out));
        try {
            R report = scenario.apply(env, System.out);
            report.write();
            report.print(System.out);
            return new ShortRun<>(env, report, runDir);
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
    }

    @Override
    public void close() {
        env.close();
    }
}
