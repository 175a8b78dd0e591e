package io.usync.benchmarks.segmenter;

import io.usync.segmenter.read.Sha256;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 of one 700 KiB segment copy on one thread: the readers' digest ({@link Sha256#newDigest()},
 * libusync-yenc on the SHA extensions where available) against the JDK's {@link MessageDigest},
 * from a heap array and from a direct buffer; the score is segments per second (times 0.7168 for
 * MB/s). Add {@code -jvmArgsAppend -XX:TieredStopAtLevel=1} to see C1-only code, where the JDK's
 * SHA-NI intrinsic is missing. On a loaded machine prefer {@link Sha256CpuThroughput}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Sha256Benchmark {

    /** "native": the readers' digest; "jdk": MessageDigest.getInstance("SHA-256"). */
    @Param({"native", "jdk"})
    public String digest;

    private MessageDigest sha;
    private byte[] heap;
    private ByteBuffer direct;

    /** Random data in a heap array and a direct buffer, and the digest under test. */
    @Setup(Level.Trial)
    public void setUp() throws NoSuchAlgorithmException {
        heap = new byte[YencBenchmark.ARTICLE];
        new Random(42).nextBytes(heap);
        direct = ByteBuffer.allocateDirect(heap.length).put(heap).flip();
        sha = "native".equals(digest) ? Sha256.newDigest() : MessageDigest.getInstance("SHA-256");
    }

    /** One segment from a heap array (as the reader's hash thread does). */
    @Benchmark
    public byte[] heapArray() {
        sha.update(heap, 0, heap.length);
        return sha.digest();
    }

    /** One segment from a direct buffer. */
    @Benchmark
    public byte[] directBuffer() {
        sha.update(direct.duplicate());
        return sha.digest();
    }
}
