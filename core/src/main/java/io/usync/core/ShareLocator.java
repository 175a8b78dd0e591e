package io.usync.core;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 16 random bytes that name a share for its whole life; manifest header ids derive from it and
 * every sealed segment's associated data binds it. Not secret on its own.
 */
public final class ShareLocator {

    /** Length of a locator in bytes. */
    public static final int LENGTH = 16;

    private final byte[] bytes;

    private ShareLocator(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps exactly 16 bytes (copied). */
    public static ShareLocator of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a share locator is " + LENGTH + " bytes");
        }
        return new ShareLocator(bytes.clone());
    }

    /** Draws a fresh random locator. */
    public static ShareLocator random(SecureRandom random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new ShareLocator(b);
    }

    /** A copy of the 16 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lowercase hex of the locator, for index keys and diagnostics. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShareLocator other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ShareLocator[" + hex() + "]";
    }
}
