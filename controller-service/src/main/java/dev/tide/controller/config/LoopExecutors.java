package dev.tide.controller.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler, the worker, sampler and writer pools of the scale loops, and the pool plugin calls other than
 * sampling run on (create, close), shut down with the context.
 */
public record LoopExecutors(ScheduledExecutorService scheduler, ExecutorService workers, ExecutorService samplers,
        ExecutorService writers, ExecutorService pluginCalls) implements AutoCloseable {

    public static LoopExecutors create(ScaleLoopProperties properties) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads("tide-scale-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        return new LoopExecutors(scheduler,
                Executors.newFixedThreadPool(properties.workerThreads(), threads("tide-scale-loop")),
                samplers(properties),
                Executors.newFixedThreadPool(properties.writerThreads(), threads("tide-scale-writer")),
                // Unbounded on purpose: a plugin that hangs in create() holds its own thread, never a shared one.
                Executors.newCachedThreadPool(threads("tide-plugin-call")));
    }

    /** Grows from the core size up to the maximum instead of queueing: a read never waits behind a hanging one. */
    private static ExecutorService samplers(ScaleLoopProperties properties) {
        int max = Math.max(properties.samplerThreads(), properties.samplerMaxThreads());
        return new ThreadPoolExecutor(properties.samplerThreads(), max, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                threads("tide-sampler"));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        samplers.shutdownNow();
        writers.shutdown();
        pluginCalls.shutdown();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
