package io.usync.core.crypto;

import io.usync.core.Base32;
import io.usync.core.KeyTextException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Text form of key material: a prefix, then base32 of the bytes followed by a 4-byte SHA-256 checksum. */
final class KeyText {

    private static final int CHECKSUM = 4;

    private KeyText() {
    }

    static String encode(String prefix, byte[] body) {
        byte[] all = ByteBuffer.allocate(body.length + CHECKSUM).put(body).put(checksum(prefix, body)).array();
        try {
            return prefix + Base32.encode(all);
        } finally {
            Arrays.fill(all, (byte) 0);
        }
    }

    static byte[] decode(String prefix, String text, int bodyLength, String what) {
        String t = text == null ? "" : text.strip();
        if (!t.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
            throw new KeyTextException(what + " must start with '" + prefix + "'");
        }
        byte[] all;
        try {
            all = Base32.decode(t.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            throw new KeyTextException(what + " is damaged (" + e.getMessage() + "); copy it again");
        }
        if (all.length != bodyLength + CHECKSUM) {
            throw new KeyTextException(what + " has the wrong length; copy it again");
        }
        byte[] body = Arrays.copyOf(all, bodyLength);
        byte[] sum = Arrays.copyOfRange(all, bodyLength, all.length);
        Arrays.fill(all, (byte) 0);
        if (!MessageDigest.isEqual(sum, checksum(prefix, body))) {
            Arrays.fill(body, (byte) 0);
            throw new KeyTextException(what + " has a bad checksum (mistyped?); copy it again");
        }
        return body;
    }

    private static byte[] checksum(String prefix, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return Arrays.copyOf(sha.digest(body), CHECKSUM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
