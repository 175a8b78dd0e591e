package io.usync.core.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh random 12-byte nonce per seal and the layout
 * {@code nonce(12) | ciphertext | tag(16)}; the building block of segment, manifest and key-slot
 * sealing. Not thread-safe: keep one per thread.
 */
public final class AesGcm {

    /** Nonce length in bytes. */
    public static final int NONCE_LENGTH = 12;
    /** Authentication tag length in bytes. */
    public static final int TAG_LENGTH = 16;
    /** Bytes a sealed message adds to its plaintext. */
    public static final int OVERHEAD = NONCE_LENGTH + TAG_LENGTH;
    /**
     * The system property ({@code true}) with which the launcher says it lowered the compile
     * threshold of the JDK's GCM code, so that {@link #open} may copy direct buffers through heap arrays.
     */
    public static final String OPEN_THROUGH_HEAP_PROPERTY = "usync.crypto.gcmOpenThroughHeap";
    // Feeding GCM in chunks lets the JIT compile its AES/GHASH intrinsics after a few articles
    // instead of a few hundred (one huge call per article rarely reaches the compile threshold).
    private static final int CHUNK = 64 * 1024;

    private final SecretKey key;
    private final SecureRandom random;
    /** The JDK's AES-GCM, or null where OpenSSL does the work. */
    private final Cipher cipher;
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private final byte[] openNonce = new byte[NONCE_LENGTH];
    /** Heap copies of a direct buffer's message being opened, grown to the largest one; see {@link #open}. */
    private byte[] sealedScratch = new byte[0];
    private byte[] openedScratch = new byte[0];
    private final boolean openThroughHeap;
    /** OpenSSL's AES-GCM under the same key, or null where it is unavailable (then the JDK's). */
    private final OpenSslGcm openSsl;

    /** Creates a sealer under the given AES key drawing nonces from {@code random}. */
    public AesGcm(SecretKey key, SecureRandom random) {
        this(key, random, Boolean.getBoolean(OPEN_THROUGH_HEAP_PROPERTY), OpenSslGcm.available());
    }

    /**
     * As the public constructor, choosing whether the JDK's {@link #open} copies direct buffers
     * through heap arrays, and whether OpenSSL does the work where it can (a 256-bit key).
     */
    AesGcm(SecretKey key, SecureRandom random, boolean openThroughHeap, boolean useOpenSsl) {
        this.key = key;
        this.random = random;
        this.openThroughHeap = openThroughHeap;
        byte[] raw = key.getEncoded();
        this.openSsl = useOpenSsl && raw != null && raw.length == 32 ? new OpenSslGcm(raw) : null;
        if (raw != null) {
            Arrays.fill(raw, (byte) 0);
        }
        this.cipher = openSsl == null ? jdkCipher() : null;
    }

    /**
     * Gets the AES-GCM that {@link #open} and {@link #seal} will use ready now: loads OpenSSL's
     * libcrypto and links its calls (tens of milliseconds) where it is available. A download calls
     * this while its first request is in flight, so that the reply does not wait for it.
     */
    public static void prepare() {
        OpenSslGcm.warmUp();
    }

    private static Cipher jdkCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable", e);
        }
    }

    /** Size of the sealed form of {@code plainLength} bytes. */
    public static int sealedSize(int plainLength) {
        return plainLength + OVERHEAD;
    }

    /**
     * Seals the remaining bytes of {@code plain} into {@code out} (which must have
     * {@link #sealedSize} bytes remaining), binding {@code aad}; returns the bytes written.
     */
    public int seal(ByteBuffer plain, ByteBuffer out, byte[] aad) {
        int needed = sealedSize(plain.remaining());
        if (out.remaining() < needed) {
            throw new IllegalArgumentException("output buffer has " + out.remaining() + " bytes, needs " + needed);
        }
        random.nextBytes(nonce);
        if (openSsl != null) {
            out.put(nonce);
            return NONCE_LENGTH + openSsl.seal(nonce, aad, plain, out);
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(aad);
            out.put(nonce);
            int written = 0;
            ByteBuffer chunk = plain.duplicate();
            while (plain.remaining() > CHUNK) {
                chunk.limit(plain.position() + CHUNK).position(plain.position());
                written += cipher.update(chunk, out);
                plain.position(plain.position() + CHUNK);
            }
            return NONCE_LENGTH + written + cipher.doFinal(plain, out);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM seal failed", e);
        }
    }

    /** Seals a byte array and returns the sealed bytes. */
    public byte[] seal(byte[] plain, byte[] aad) {
        byte[] out = new byte[sealedSize(plain.length)];
        seal(ByteBuffer.wrap(plain), ByteBuffer.wrap(out), aad);
        return out;
    }

    /**
     * Opens the remaining bytes of {@code sealed} into {@code out}; an outcome, not a fault:
     * tampering, truncation, a wrong key or different associated data give {@link OpenResult.Rejected}
     * and leave {@code out}'s position where it was.
     *
     * <p>When either buffer is direct and the system property {@value #OPEN_THROUGH_HEAP_PROPERTY} is
     * {@code true} (the launcher sets it together with its compile-threshold lines for GCM,
     * {@code -XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.GaloisCounterMode*::implGCMCrypt,...}),
     * the message is opened through two heap arrays kept by this instance (grown to the largest
     * message opened), one intrinsic call per message: on direct buffers the JDK's GCM runs its
     * intrinsic 512 bytes at a time through small copies, and copies the whole output once more
     * through a new heap buffer when both buffers are slices of one memory block (a pooled
     * allocator's chunk) with the output after the input. Without the property the direct path is
     * kept: the JIT would compile the one-call heap path only after thousands of messages and it
     * runs ~40x slower until then (see {@code benchmarks/.../download/AesGcmOpenBenchmark}).
     */
    public OpenResult open(ByteBuffer sealed, ByteBuffer out, byte[] aad) {
        int length = sealed.remaining();
        if (length < OVERHEAD) {
            return new OpenResult.Rejected("sealed data too short (" + length + " bytes)");
        }
        int plainLength = length - OVERHEAD;
        if (out.remaining() < plainLength) {
            throw new IllegalArgumentException("output buffer has " + out.remaining() + " bytes, needs "
                    + plainLength);
        }
        sealed.get(openNonce);
        if (openSsl != null) {
            int opened = openSsl.open(openNonce, aad, sealed, out);
            return opened < 0 ? rejected() : new OpenResult.Opened(opened);
        }
        boolean direct = !sealed.hasArray() || !out.hasArray();
        int outStart = out.position();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, openNonce));
            cipher.updateAAD(aad);
            if (!direct || !openThroughHeap) {
                return new OpenResult.Opened(cipher.doFinal(sealed, out));
            }
            int ciphertext = length - NONCE_LENGTH;
            if (sealedScratch.length < ciphertext) {
                sealedScratch = new byte[ciphertext];
                openedScratch = new byte[ciphertext];
            }
            sealed.get(sealedScratch, 0, ciphertext);
            int written = cipher.doFinal(sealedScratch, 0, ciphertext, openedScratch, 0);
            out.put(openedScratch, 0, written);
            return new OpenResult.Opened(written);
        } catch (AEADBadTagException e) {
            out.position(outStart);
            return rejected();
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM open failed", e);
        }
    }

    /**
     * Opens the remaining bytes of {@code sealed} where they are: the plaintext replaces the
     * ciphertext, so it starts {@link #NONCE_LENGTH} bytes after {@code sealed}'s position (no second
     * buffer; OpenSSL decrypts in place). {@code sealed}'s bytes are undefined after a rejection.
     */
    public OpenResult openInPlace(ByteBuffer sealed, byte[] aad) {
        if (sealed.remaining() < OVERHEAD) {
            return open(sealed, sealed, aad);
        }
        ByteBuffer out = sealed.duplicate();
        out.position(sealed.position() + NONCE_LENGTH);
        return open(sealed, out, aad);
    }

    private static OpenResult rejected() {
        return new OpenResult.Rejected("authentication failed (tampered, truncated, reordered or wrong key)");
    }

    /** Whether this instance seals and opens through OpenSSL (else the JDK's AES-GCM). */
    boolean usesOpenSsl() {
        return openSsl != null;
    }

    /** Opens a sealed byte array, empty when it does not authenticate. */
    public Optional<byte[]> open(byte[] sealed, byte[] aad) {
        if (sealed.length < OVERHEAD) {
            return Optional.empty();
        }
        byte[] out = new byte[sealed.length - OVERHEAD];
        return switch (open(ByteBuffer.wrap(sealed), ByteBuffer.wrap(out), aad)) {
            case OpenResult.Opened o -> Optional.of(out);
            case OpenResult.Rejected r -> Optional.empty();
        };
    }
}
