package io.usync.segmenter.read;

import io.usync.segmenter.yenc.NativeLibrary;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * SHA-256 (FIPS 180-4) whose block compression runs in libusync-yenc ({@code usync_sha256_blocks}:
 * the x86 SHA extensions, or portable C), one critical downcall per update of whole blocks; Java
 * keeps the partial block and pads. The JDK's own SHA-256 is as fast only in C2-compiled code (its
 * SHA-NI intrinsic); this one is the same in any JIT mode. A {@link MessageDigest}, not thread-safe,
 * not cloneable. File mappings are hashed through Java copies (SIGBUS in native code kills the JVM).
 */
final class NativeSha256 extends MessageDigest {

    private static final int BLOCK = 64;
    private static final int[] INITIAL = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    /** {@code void usync_sha256_blocks(uint32_t *state, const uint8_t *in, int64_t blocks, int32_t use_ni)}, null when unavailable. */
    private static final MethodHandle BLOCKS = NativeLibrary.downcall("usync_sha256_blocks", FunctionDescriptor.ofVoid(
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT)).orElse(null);

    /** Whether this CPU has the SHA extensions ({@code int usync_sha256_ni_ok(void)} returned 1). */
    private static final boolean SHA_NI = BLOCKS != null && NativeLibrary.confirms("usync_sha256_ni_ok");

    private final int useNi;
    private final int[] state = new int[8];
    private final MemorySegment stateSegment = MemorySegment.ofArray(state);
    private final byte[] partial = new byte[BLOCK];
    private final MemorySegment partialSegment = MemorySegment.ofArray(partial);
    private int buffered;
    private long length;

    /** A digest on the SHA extensions when {@code shaExtensions} (needs {@link #shaExtensions()}), else portable C; needs {@link #loaded()}. */
    NativeSha256(boolean shaExtensions) {
        super("SHA-256");
        if (BLOCKS == null || shaExtensions && !SHA_NI) {
            throw new IllegalStateException("native SHA-256 unavailable" + (BLOCKS == null ? "" : " with the SHA extensions"));
        }
        this.useNi = shaExtensions ? 1 : 0;
        engineReset();
    }

    /** Whether libusync-yenc loaded (its portable SHA-256 can run). */
    static boolean loaded() {
        return BLOCKS != null;
    }

    /** Whether the library loaded and this CPU has the SHA extensions (the case {@link Sha256} uses it in). */
    static boolean shaExtensions() {
        return SHA_NI;
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }

    @Override
    protected void engineUpdate(byte input) {
        partial[buffered++] = input;
        length++;
        if (buffered == BLOCK) {
            compress(partialSegment, 1);
            buffered = 0;
        }
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        update(MemorySegment.ofArray(input).asSlice(offset, len));
    }

    @Override
    protected void engineUpdate(ByteBuffer input) {
        if (!input.hasRemaining()) {
            return;
        }
        MemorySegment in = MemorySegment.ofBuffer(input);
        if (in.isMapped()) {
            super.engineUpdate(input); // Java copies: a truncated mapping raises InternalError there
            return;
        }
        update(in);
        input.position(input.limit());
    }

    private void update(MemorySegment in) {
        long n = in.byteSize();
        length += n;
        long at = 0;
        if (buffered > 0) {
            int take = (int) Math.min(BLOCK - buffered, n);
            MemorySegment.copy(in, 0, partialSegment, buffered, take);
            buffered += take;
            at = take;
            if (buffered < BLOCK) {
                return;
            }
            compress(partialSegment, 1);
            buffered = 0;
        }
        long blocks = (n - at) / BLOCK;
        if (blocks > 0) {
            compress(in.asSlice(at, blocks * BLOCK), blocks);
            at += blocks * BLOCK;
        }
        if (at < n) {
            MemorySegment.copy(in, at, partialSegment, 0, n - at);
            buffered = (int) (n - at);
        }
    }

    private void compress(MemorySegment blocks, long count) {
        try {
            BLOCKS.invokeExact(stateSegment, blocks, count, useNi);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("native SHA-256 failed", e);
        }
    }

    @Override
    protected byte[] engineDigest() {
        long bits = length << 3;
        partial[buffered++] = (byte) 0x80;
        if (buffered > BLOCK - 8) {
            Arrays.fill(partial, buffered, BLOCK, (byte) 0);
            compress(partialSegment, 1);
            buffered = 0;
        }
        Arrays.fill(partial, buffered, BLOCK - 8, (byte) 0);
        for (int k = 0; k < 8; k++) {
            partial[BLOCK - 1 - k] = (byte) (bits >>> (8 * k));
        }
        compress(partialSegment, 1);
        byte[] digest = new byte[32];
        for (int k = 0; k < 8; k++) {
            int w = state[k];
            digest[4 * k] = (byte) (w >>> 24);
            digest[4 * k + 1] = (byte) (w >>> 16);
            digest[4 * k + 2] = (byte) (w >>> 8);
            digest[4 * k + 3] = (byte) w;
        }
        engineReset();
        return digest;
    }

    @Override
    protected void engineReset() {
        System.arraycopy(INITIAL, 0, state, 0, 8);
        Arrays.fill(partial, (byte) 0);
        buffered = 0;
        length = 0;
    }
}
