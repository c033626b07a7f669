package dev.tide.controller.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The scale loops' thread pools, under {@code tide.controller.scale-loops}. Every ScaledObject shares them; none
 * gets a thread of its own.
 *
 * @param enabled whether this replica scales at all (off: it only reconciles; for tests of the reconciler alone)
 * @param workerThreads threads that run passes (decide, read /scale); passes never wait on a source
 * @param samplerThreads threads kept to call scalers; the pool grows past them rather than make a read wait, since
 *     a hanging source holds the threads of its own calls (at most its bulkhead's share, and none after a deadline)
 * @param samplerMaxThreads the most threads calling scalers at once; a read beyond them fails at once
 * @param writerThreads threads that write /scale, status and events
 */
@Validated
@ConfigurationProperties("tide.controller.scale-loops")
public record ScaleLoopProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @DefaultValue("4") int workerThreads,
        @Min(1) @DefaultValue("64") int samplerThreads,
        @Min(1) @DefaultValue("1024") int samplerMaxThreads,
        @Min(1) @DefaultValue("4") int writerThreads) {
}
