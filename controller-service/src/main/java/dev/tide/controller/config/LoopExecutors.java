package dev.tide.controller.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The scheduler, the worker, sampler and writer pools of the scale loops, shut down with the context. */
public record LoopExecutors(ScheduledExecutorService scheduler, ExecutorService workers, ExecutorService samplers,
        ExecutorService writers) implements AutoCloseable {

    public static LoopExecutors create(ScaleLoopProperties properties) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads("tide-scale-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        return new LoopExecutors(scheduler,
                Executors.newFixedThreadPool(properties.workerThreads(), threads("tide-scale-loop")),
                Executors.newFixedThreadPool(properties.samplerThreads(), threads("tide-sampler")),
                Executors.newFixedThreadPool(properties.writerThreads(), threads("tide-scale-writer")));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        samplers.shutdownNow();
        writers.shutdown();
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
