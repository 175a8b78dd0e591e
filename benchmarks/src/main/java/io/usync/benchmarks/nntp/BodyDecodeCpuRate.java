package io.usync.benchmarks.nntp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Reply decoding rate per CPU-second (not per wall second) of {@link BodyDecodeBenchmark}'s
 * 740 KB BODY response: on a shared, loaded machine this is the honest "GB/s per core" figure.
 * Prints the median of nine rounds for bodies without and with line-leading dots.
 */
public final class BodyDecodeCpuRate {

    private BodyDecodeCpuRate() {
    }

    /** Entry point; no arguments. */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (boolean dots : new boolean[] {false, true}) {
            BodyDecodeBenchmark bench = new BodyDecodeBenchmark();
            bench.readSize = 65536;
            bench.dots = dots;
            bench.setUp();
            double[] rates = new double[9];
            long sink = 0;
            for (int warm = 0; warm < 3000; warm++) {
                sink += bench.decodeOnce();
            }
            for (int round = 0; round < rates.length; round++) {
                long cpu = threads.getCurrentThreadCpuTime();
                int n = 2000;
                for (int i = 0; i < n; i++) {
                    sink += bench.decodeOnce();
                }
                cpu = threads.getCurrentThreadCpuTime() - cpu;
                rates[round] = (double) n * bench.responseBytes() / cpu;
            }
            bench.tearDown();
            Arrays.sort(rates);
            System.out.printf("BODY decode, dots=%-5s median %.2f GB per CPU-second (min %.2f, max %.2f)%s%n",
                    dots, rates[4], rates[0], rates[8], sink == 42 ? " " : "");
        }
    }
}
