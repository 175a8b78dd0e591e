package io.usync.core.manifest;

import java.util.Arrays;

/**
 * One way to recover a share's root key from its manifest header: for a protected share the root
 * key sealed under the password-derived key, for a private share the root key wrapped for one
 * recipient's X25519 key. Opaque bytes here; the crypto classes give them meaning.
 */
public record KeySlot(byte[] bytes) {

    /** Longest slot accepted, far above any wrapping's size. */
    public static final int MAX_LENGTH = 1024;

    /** Validates the length and copies the bytes. */
    public KeySlot {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a key slot is 1.." + MAX_LENGTH + " bytes");
        }
        bytes = bytes.clone();
    }

    /** A copy of the slot's bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeySlot k && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "KeySlot[" + bytes.length + " bytes]";
    }
}
