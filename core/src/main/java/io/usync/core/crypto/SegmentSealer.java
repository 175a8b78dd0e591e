package io.usync.core.crypto;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Seals and opens segment payloads with AES-256-GCM under the share's data key, layout
 * {@code nonce(12) | ciphertext | tag(16)}, associated data from {@link SegmentAad}. Not
 * thread-safe: keep one per worker thread.
 */
public final class SegmentSealer {

    private final AesGcm gcm;

    /** Creates a sealer for a share's segments, drawing nonces from {@code random}. */
    public SegmentSealer(ShareKeys keys, SecureRandom random) {
        this.gcm = new AesGcm(keys.data(), random);
    }

    /** Size of a sealed segment whose plaintext is {@code plainLength} bytes. */
    public static int sealedSize(int plainLength) {
        return AesGcm.sealedSize(plainLength);
    }

    /** Size of the plaintext inside a sealed segment of {@code sealedLength} bytes (negative if too short). */
    public static int openedSize(int sealedLength) {
        return sealedLength - AesGcm.OVERHEAD;
    }

    /** Seals the remaining bytes of {@code plain} into {@code out}; returns the bytes written. */
    public int seal(SegmentAad aad, ByteBuffer plain, ByteBuffer out) {
        return gcm.seal(plain, out, aad.encode());
    }

    /** Opens a sealed segment into {@code out}; tampered, truncated or misplaced data is {@link OpenResult.Rejected}. */
    public OpenResult open(SegmentAad aad, ByteBuffer sealed, ByteBuffer out) {
        return gcm.open(sealed, out, aad.encode());
    }

    /**
     * Opens a sealed segment where it lies, the plaintext starting {@link AesGcm#NONCE_LENGTH} bytes
     * after {@code sealed}'s position; see {@link AesGcm#openInPlace}.
     */
    public OpenResult openInPlace(SegmentAad aad, ByteBuffer sealed) {
        return gcm.openInPlace(sealed, aad.encode());
    }
}
