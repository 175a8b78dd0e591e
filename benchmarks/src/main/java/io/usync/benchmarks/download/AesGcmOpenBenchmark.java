package io.usync.benchmarks.download;

import io.usync.core.crypto.AesGcm;
import io.usync.core.crypto.OpenResult;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * Opening one 716,800-byte sealed article as a share download does, by buffer layout: the JDK's
 * {@code Cipher.doFinal(ByteBuffer, ByteBuffer)} on separate direct buffers, on two slices of one
 * direct block (a pooled allocator's chunk, output after input), on heap buffers, and
 * {@link AesGcm#open} on direct buffers (through its heap arrays). Divide 716,800 bytes by the time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class AesGcmOpenBenchmark {

    /** Where the sealed article and its output live. */
    @Param({"direct", "oneBlock", "heap"})
    public String layout;

    private static final int SIZE = 716_800;
    private final byte[] aad = new byte[40];
    private SecretKey key;
    private Cipher cipher;
    private AesGcm gcm;
    private ByteBuffer sealed;
    private ByteBuffer out;

    /** Seals one random article into the chosen layout. */
    @Setup
    public void setup() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        byte[] k = new byte[32];
        random.nextBytes(k);
        key = new SecretKeySpec(k, "AES");
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
        gcm = new AesGcm(key, random);
        byte[] data = new byte[SIZE];
        new Random(1).nextBytes(data);
        byte[] sealedBytes = gcm.seal(data, aad);
        switch (layout) {
            case "direct" -> {
                sealed = ByteBuffer.allocateDirect(sealedBytes.length).put(sealedBytes).flip();
                out = ByteBuffer.allocateDirect(SIZE);
            }
            case "oneBlock" -> {
                ByteBuffer block = ByteBuffer.allocateDirect(sealedBytes.length + SIZE);
                sealed = block.slice(0, sealedBytes.length).put(sealedBytes).flip();
                out = block.slice(sealedBytes.length, SIZE);
            }
            case "heap" -> {
                sealed = ByteBuffer.wrap(sealedBytes);
                out = ByteBuffer.allocate(SIZE);
            }
            default -> throw new IllegalArgumentException(layout);
        }
    }

    /** The JDK's GCM straight on the buffers (what {@code AesGcm.open} did before). */
    @Benchmark
    public int jdkCipher() throws GeneralSecurityException {
        ByteBuffer in = sealed.duplicate();
        byte[] nonce = new byte[AesGcm.NONCE_LENGTH];
        in.get(nonce);
        out.clear();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(in, out);
    }

    /** {@link AesGcm#open} as it is now. */
    @Benchmark
    public OpenResult aesGcmOpen() {
        out.clear();
        return gcm.open(sealed.duplicate(), out, aad);
    }
}
