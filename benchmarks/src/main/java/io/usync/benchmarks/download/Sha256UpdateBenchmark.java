package io.usync.benchmarks.download;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SHA-256 of one 716,800-byte article as the download's running digest hashes it: from a direct
 * buffer (the SPI copies it through a 4 KiB array) or from a heap array.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class Sha256UpdateBenchmark {

    /** Whether the article is in a direct buffer or a heap array. */
    @Param({"true", "false"})
    public boolean direct;

    private static final int SIZE = 716_800;
    private MessageDigest digest;
    private ByteBuffer data;

    /** Fills one random article. */
    @Setup
    public void setup() throws NoSuchAlgorithmException {
        digest = MessageDigest.getInstance("SHA-256");
        byte[] bytes = new byte[SIZE];
        new Random(1).nextBytes(bytes);
        data = direct ? ByteBuffer.allocateDirect(SIZE).put(bytes).flip() : ByteBuffer.wrap(bytes);
    }

    /** Hashes the article into the running digest. */
    @Benchmark
    public MessageDigest update() {
        digest.update(data.duplicate());
        return digest;
    }
}
