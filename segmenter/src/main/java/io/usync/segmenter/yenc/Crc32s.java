package io.usync.segmenter.yenc;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * CRC-32 (IEEE, reflected, as in zlib and yEnc) combination: the CRC of {@code A || B} from the
 * CRCs of A and B and the length of B, by multiplying by x^(8 len) modulo the polynomial.
 */
public final class Crc32s {

    private static final int POLY = 0xEDB88320;
    /** Bytes of a file mapping copied per step of {@link #of}. */
    private static final int MAPPED_CHUNK = 16_384;
    /** X2N[k] = x^(2^k) mod P, in reflected bit order. */
    private static final int[] X2N = powers();

    private Crc32s() {
    }

    /** The CRC-32 of the concatenation of two byte strings, given {@code crcA}, {@code crcB} and B's length. */
    public static int combine(int crcA, int crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("negative length " + lengthB);
        }
        return multiply(xPow8n(lengthB), crcA) ^ crcB;
    }

    /**
     * The CRC-32 of a buffer's remaining bytes (java.util.zip.CRC32; the position does not move). A
     * file mapping is read through a guarded copy in chunks: the JDK's CRC-32 intrinsic reading a
     * mapping whose file was truncated dies of SIGBUS (taking the JVM with it), a copy raises
     * {@link InternalError} like every other read of it.
     */
    static int of(ByteBuffer data) {
        CRC32 crc = new CRC32();
        if (data.isDirect() && MemorySegment.ofBuffer(data).isMapped()) {
            byte[] chunk = new byte[MAPPED_CHUNK];
            ByteBuffer rest = data.duplicate();
            while (rest.hasRemaining()) {
                int n = Math.min(chunk.length, rest.remaining());
                rest.get(chunk, 0, n);
                crc.update(chunk, 0, n);
            }
        } else {
            crc.update(data.duplicate());
        }
        return (int) crc.getValue();
    }

    /** a * b modulo P, both polynomials in reflected order (bit 31 is x^0). */
    private static int multiply(int a, int b) {
        int m = 1 << 31;
        int p = 0;
        while (true) {
            if ((a & m) != 0) {
                p ^= b;
                if ((a & (m - 1)) == 0) {
                    break;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return p;
    }

    /** x^(8n) modulo P. */
    private static int xPow8n(long n) {
        int p = 1 << 31;
        int k = 3;
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multiply(X2N[k & 31], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }

    private static int[] powers() {
        int[] t = new int[32];
        int p = 1 << 30;
        t[0] = p;
        for (int i = 1; i < 32; i++) {
            p = multiply(p, p);
            t[i] = p;
        }
        return t;
    }
}
