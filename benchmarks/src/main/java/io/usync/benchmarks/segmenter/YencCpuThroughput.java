package io.usync.benchmarks.segmenter;

import io.usync.segmenter.yenc.ReferenceYencDecoder;
import io.usync.segmenter.yenc.ReferenceYencEncoder;
import io.usync.segmenter.yenc.YencDecoder;
import io.usync.segmenter.yenc.YencDecoderOptions;
import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencExpectation;
import io.usync.segmenter.yenc.YencPart;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * yEnc throughput per CPU-second of the measuring thread (single thread, 700 KiB random articles),
 * the companion of {@link YencBenchmark} for a shared, loaded machine where wall-clock scores
 * mostly measure the neighbours. Prints the median of {@code rounds} rounds after warm-up.
 * "decode fast" is the native kernel when libusync-yenc is available, "decode java" the Java paths.
 * Usage: {@code YencCpuThroughput [rounds=20]}; the opt-in Vector API decoder with
 * {@code --add-modules jdk.incubator.vector -Dusync.yenc.vector=true} on the java command line.
 */
public final class YencCpuThroughput {

    private YencCpuThroughput() {
    }

    /** Runs the rounds and prints medians in MB (10^6 raw bytes) per CPU-second. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int n = YencBenchmark.ARTICLE;
        byte[] raw = new byte[n];
        new Random(42).nextBytes(raw);
        ByteBuffer input = ByteBuffer.allocateDirect(n).put(raw).flip();
        YencPart part = YencPart.of("bench.bin", 1, 10, 10L * n, 0, n);
        YencEncoder encoder = new YencEncoder(YencEncoderOptions.defaults());
        YencEncoder javaEncoder = new YencEncoder(YencEncoderOptions.defaults().withNativeKernel(false));
        ReferenceYencEncoder reference = new ReferenceYencEncoder(YencEncoderOptions.defaults());
        ReferenceYencDecoder referenceDecoder = new ReferenceYencDecoder();
        ByteBuffer out = ByteBuffer.allocateDirect((int) encoder.maxEncodedSize(part));
        byte[] article = reference.encode(part, raw);
        ByteBuffer articleBuffer = ByteBuffer.allocateDirect(article.length).put(article).flip();
        ByteBuffer decoded = ByteBuffer.allocateDirect(n);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        YencDecoderOptions nativeOptions = YencDecoderOptions.defaults();
        YencDecoderOptions javaOptions = nativeOptions.withNativeKernel(false);
        double[][] mbPerCpuSecond = new double[6][rounds];
        int reps = 50;
        for (int warm = -10; warm < rounds; warm++) {
            long[] t = new long[7];
            t[0] = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                out.clear();
                encoder.encode(part, input.duplicate(), out);
            }
            t[1] = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < reps / 5; i++) {
                reference.encode(part, raw);
            }
            t[2] = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                decode(nativeOptions, articleBuffer, decoded);
            }
            t[3] = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < reps / 5; i++) {
                referenceDecoder.decode(article, YencExpectation.none());
            }
            t[4] = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                decode(javaOptions, articleBuffer, decoded);
            }
            t[5] = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                out.clear();
                javaEncoder.encode(part, input.duplicate(), out);
            }
            t[6] = cpu.getCurrentThreadCpuTime();
            if (warm >= 0) {
                int[] count = {reps, reps / 5, reps, reps / 5, reps, reps};
                for (int k = 0; k < 6; k++) {
                    mbPerCpuSecond[k][warm] = (double) count[k] * n / (t[k + 1] - t[k]) * 1e3;
                }
            }
        }
        System.out.println("encode fast: " + (encoder.nativeKernel() ? "native kernel (libusync-yenc"
                + (encoder.nativeCrc() ? ", CRC folded in)" : ", CRC in Java)") : "no native kernel") + "; encode java: SWAR words");
        System.out.println("decode fast: " + (YencDecoder.nativeKernel() ? "native kernel (libusync-yenc"
                + (YencDecoder.nativeCrc() ? ", CRC folded in)" : ", CRC in Java)") : "no native kernel") + "; decode java: " + (YencDecoder.vectorBlocks()
                ? "Vector API (opt-in)" : "SWAR words"));
        String[] names = {"encode fast", "encode reference", "decode fast", "decode reference", "decode java", "encode java"};
        for (int k = 0; k < 6; k++) {
            double[] v = mbPerCpuSecond[k].clone();
            Arrays.sort(v);
            System.out.printf("%-17s median %6.0f MB/s per CPU-second (min %.0f, max %.0f, %d rounds)%n",
                    names[k], v[rounds / 2], v[0], v[rounds - 1], rounds);
        }
    }

    /** Decodes the article fed in 64 KiB chunks, as from a socket. */
    private static void decode(YencDecoderOptions options, ByteBuffer article, ByteBuffer decoded) {
        decoded.clear();
        YencDecoder decoder = new YencDecoder(options, YencExpectation.none(), decoded);
        ByteBuffer all = article.duplicate();
        while (all.hasRemaining()) {
            int chunk = Math.min(65_536, all.remaining());
            decoder.feed(all.slice(all.position(), chunk));
            all.position(all.position() + chunk);
        }
        decoder.finish();
    }
}
