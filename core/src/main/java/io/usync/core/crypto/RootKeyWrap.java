package io.usync.core.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.SecretKey;

/** Seals a root key under a key-encryption key (AES-256-GCM) for a manifest header's key slot. */
public final class RootKeyWrap {

    /** Length of a wrapped root key: nonce, 32 key bytes, tag. */
    public static final int WRAPPED_LENGTH = RootKey.LENGTH + AesGcm.OVERHEAD;

    private RootKeyWrap() {
    }

    /** Wraps {@code root} under {@code kek}, binding {@code aad} (for example the locator). */
    public static byte[] wrap(SecretKey kek, RootKey root, byte[] aad, SecureRandom random) {
        byte[] plain = root.bytes();
        try {
            return new AesGcm(kek, random).seal(plain, aad);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Unwraps a slot; empty when the key or associated data is wrong (a wrong password, say). */
    public static Optional<RootKey> unwrap(SecretKey kek, byte[] wrapped, byte[] aad) {
        if (wrapped.length != WRAPPED_LENGTH) {
            return Optional.empty();
        }
        Optional<byte[]> plain = new AesGcm(kek, new SecureRandom()).open(wrapped, aad);
        return plain.map(p -> {
            try {
                return RootKey.of(p);
            } finally {
                Arrays.fill(p, (byte) 0);
            }
        });
    }
}
