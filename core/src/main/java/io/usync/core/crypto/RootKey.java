package io.usync.core.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A share's random 256-bit root key, from which {@link ShareKeys} derives every working key; its
 * {@code toString} never shows the bytes and {@link #destroy()} wipes them.
 */
public final class RootKey implements Destroyable {

    /** Length of a root key in bytes. */
    public static final int LENGTH = 32;

    private final byte[] bytes;
    private volatile boolean destroyed;

    private RootKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Draws a fresh key from the given random source. */
    public static RootKey generate(SecureRandom random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new RootKey(b);
    }

    /** Draws a fresh key from a new {@link SecureRandom}. */
    public static RootKey generate() {
        return generate(new SecureRandom());
    }

    /** Wraps exactly 32 bytes (copied; the caller may wipe its array afterwards). */
    public static RootKey of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a root key is " + LENGTH + " bytes");
        }
        return new RootKey(bytes.clone());
    }

    /** A copy of the key bytes; the caller should wipe it when done. */
    public byte[] bytes() {
        if (destroyed) {
            throw new IllegalStateException("root key was destroyed");
        }
        return bytes.clone();
    }

    /** Wipes the key bytes; later use throws {@link IllegalStateException}. */
    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    /** Whether {@link #destroy()} has run. */
    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Constant-time comparison of key bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RootKey other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 0x5ec2e7;
    }

    @Override
    public String toString() {
        return "RootKey[hidden]";
    }
}
