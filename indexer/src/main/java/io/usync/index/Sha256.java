package io.usync.index;

import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest (32 bytes, copied in and out). */
public record Sha256(byte[] bytes) {

    /** Validates the length and copies the bytes. */
    public Sha256 {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes");
        }
        bytes = bytes.clone();
    }

    /** A copy of the digest. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sha256 other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
