package io.usync.benchmarks.indexer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent by the embedded PostgreSQL (the postmaster and its children, from /proc) and by
 * this JVM: on a shared, loaded machine these move far less than wall time, so they tell what a
 * quiet machine would see (a 2-core machine runs the server and the client side by side).
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long postmaster;

    private CpuMeter(long postmaster) {
        this.postmaster = postmaster;
    }

    /** A meter for the server whose data directory is {@code data}. */
    static CpuMeter forDataDirectory(Path data) throws IOException {
        return new CpuMeter(Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim()));
    }

    /** Seconds of CPU used so far by the postmaster and its live children. */
    double serverSeconds() {
        long ticks = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Seconds of CPU used so far by this JVM (every thread, JIT and GC included). */
    static double clientSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
