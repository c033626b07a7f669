package dev.tide.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the harnesses read about the JVM and the machine they run on. */
final class Machine {

    private Machine() {
    }

    /** {@code <cores> cores, <CPU model>, JDK <vm> <version>, -Xmx<n>m}, the line every report starts with. */
    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", JDK "
                + System.getProperty("java.vm.name") + " " + Runtime.version() + ", -Xmx"
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m";
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS of this process; the JVM rarely gives heap back, so growth is indicative, not exact. */
    static long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElse(0L);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** The 1-minute load average, or -1 where {@code /proc/loadavg} cannot be read. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (java.io.IOException e) {
            return "unknown CPU";
        }
    }
}
