package io.usync.core.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * HMAC-SHA256 (RFC 2104) over the JDK's SHA-256 {@link MessageDigest}. {@code javax.crypto.Mac}
 * and {@code KDF} first search the security providers' list and load the JCE provider, 40-50 ms
 * at a share download's start, on the path to its first request; the digest comes from the first
 * provider, which every run has loaded by then. Not thread-safe: keep one per thread.
 */
public final class HmacSha256 {

    /** Length of a MAC in bytes. */
    public static final int LENGTH = 32;
    private static final int BLOCK = 64;

    private final MessageDigest sha = sha256();
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];

    /** A MAC under {@code key} (any length; longer than 64 bytes is hashed first, as RFC 2104 says). */
    public HmacSha256(byte[] key) {
        byte[] k = key.length > BLOCK ? sha.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        sha.update(innerPad);
    }

    /** A MAC under {@code key}'s encoded bytes (copied and wiped); an opaque key is refused. */
    public static HmacSha256 of(SecretKey key) {
        byte[] raw = key.getEncoded();
        if (raw == null || raw.length == 0) {
            throw new IllegalArgumentException("unusable HMAC key: it has no encoded bytes");
        }
        try {
            return new HmacSha256(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Adds one byte to the message. */
    public HmacSha256 update(byte b) {
        sha.update(b);
        return this;
    }

    /** Adds {@code bytes} to the message. */
    public HmacSha256 update(byte[] bytes) {
        sha.update(bytes);
        return this;
    }

    /** Adds the remaining bytes of {@code bytes} to the message (consuming them). */
    public HmacSha256 update(ByteBuffer bytes) {
        sha.update(bytes);
        return this;
    }

    /** The MAC of the message so far; the next update starts a new message under the same key. */
    public byte[] doFinal() {
        byte[] inner = sha.digest();
        sha.update(outerPad);
        sha.update(inner);
        byte[] mac = sha.digest();
        sha.update(innerPad);
        return mac;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
