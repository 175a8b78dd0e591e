package io.usync.core.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;

/** Converts JDK X25519 keys to and from their raw 32-byte RFC 7748 encodings. */
final class X25519Codec {

    static final int LENGTH = 32;

    private X25519Codec() {
    }

    static byte[] rawPublic(PublicKey key) {
        BigInteger u = ((XECPublicKey) key).getU();
        byte[] be = u.toByteArray();
        byte[] le = new byte[LENGTH];
        for (int i = 0; i < LENGTH && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    static byte[] rawPrivate(PrivateKey key) {
        return ((XECPrivateKey) key).getScalar()
                .orElseThrow(() -> new IllegalStateException("X25519 private key has no exportable scalar"));
    }

    static PublicKey publicKey(byte[] raw) {
        byte[] be = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            be[i] = raw[LENGTH - 1 - i];
        }
        be[0] &= 0x7f;
        try {
            return KeyFactory.getInstance("XDH")
                    .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable", e);
        }
    }

    static PrivateKey privateKey(byte[] raw) {
        try {
            return KeyFactory.getInstance("XDH")
                    .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, raw.clone()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable", e);
        }
    }
}
