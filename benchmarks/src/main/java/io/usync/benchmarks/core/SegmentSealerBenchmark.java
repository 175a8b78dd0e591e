package io.usync.benchmarks.core;

import io.usync.core.BlobKind;
import io.usync.core.ShareLocator;
import io.usync.core.crypto.OpenResult;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.SegmentAad;
import io.usync.core.crypto.SegmentSealer;
import io.usync.core.crypto.ShareKeys;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
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

/** AES-256-GCM seal and open of one 700 KiB article payload (divide bytes by time for MB/s). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class SegmentSealerBenchmark {

    /** Whether the buffers are direct (as Netty's pooled buffers are) or heap. */
    @Param({"true", "false"})
    public boolean direct;

    private static final int SIZE = 716_800;
    private SegmentSealer sealer;
    private SegmentAad aad;
    private ByteBuffer plain;
    private ByteBuffer sealedOut;
    private ByteBuffer sealed;
    private ByteBuffer opened;

    /** Prepares keys and buffers. */
    @Setup
    public void setup() {
        SecureRandom random = new SecureRandom();
        sealer = new SegmentSealer(ShareKeys.derive(RootKey.generate(random)), random);
        aad = new SegmentAad(ShareLocator.random(random), BlobKind.FILE, 3, 17, false);
        byte[] data = new byte[SIZE];
        new Random(1).nextBytes(data);
        plain = alloc(SIZE).put(data).flip();
        sealedOut = alloc(SegmentSealer.sealedSize(SIZE));
        sealed = alloc(SegmentSealer.sealedSize(SIZE));
        sealer.seal(aad, plain.duplicate(), sealed);
        sealed.flip();
        opened = alloc(SIZE);
    }

    /** Seals one article payload. */
    @Benchmark
    public int seal() {
        sealedOut.clear();
        return sealer.seal(aad, plain.duplicate(), sealedOut);
    }

    /** Opens (authenticates and decrypts) one sealed article payload. */
    @Benchmark
    public OpenResult open() {
        opened.clear();
        return sealer.open(aad, sealed.duplicate(), opened);
    }

    private ByteBuffer alloc(int n) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }
}
