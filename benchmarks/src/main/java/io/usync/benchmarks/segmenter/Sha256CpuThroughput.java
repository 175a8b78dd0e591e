package io.usync.benchmarks.segmenter;

import io.usync.segmenter.read.Sha256;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;

/**
 * SHA-256 per CPU-second of the measuring thread (700 KiB heap segments, as the reader's hash
 * thread gets them), the readers' digest ({@link Sha256#newDigest()}) and the JDK's in alternating
 * rounds, for a shared, loaded machine; prints medians and CPU-seconds per GiB. Run it once plain and
 * once with {@code -XX:TieredStopAtLevel=1} to compare JIT modes. Usage: {@code Sha256CpuThroughput [rounds=30]}.
 */
public final class Sha256CpuThroughput {

    private Sha256CpuThroughput() {
    }

    /** Runs the rounds and prints medians in MB (10^6 bytes) per CPU-second and CPU-s per GiB. */
    public static void main(String[] args) throws NoSuchAlgorithmException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        byte[] data = new byte[YencBenchmark.ARTICLE];
        new Random(42).nextBytes(data);
        MessageDigest[] digests = {Sha256.newDigest(), MessageDigest.getInstance("SHA-256")};
        String[] names = {Sha256.nativeShaExtensions() ? "native (SHA-NI)" : "newDigest (JDK)", "JDK MessageDigest"};
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int reps = 40;
        double[][] mb = new double[2][rounds];
        for (int warm = -10; warm < rounds; warm++) {
            for (int v = 0; v < 2; v++) {
                int k = (warm & 1) == 0 ? v : 1 - v;
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < reps; i++) {
                    digests[k].update(data, 0, data.length);
                    digests[k].digest();
                }
                long t1 = cpu.getCurrentThreadCpuTime();
                if (warm >= 0) {
                    mb[k][warm] = (double) reps * data.length / (t1 - t0) * 1e3;
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            double[] v = mb[k].clone();
            Arrays.sort(v);
            double median = v[rounds / 2];
            System.out.printf("%-18s median %6.0f MB/s per CPU-second = %.2f CPU-s per GiB (min %.0f, max %.0f, %d rounds)%n",
                    names[k], median, (1L << 30) / (median * 1e6), v[0], v[rounds - 1], rounds);
        }
    }
}
