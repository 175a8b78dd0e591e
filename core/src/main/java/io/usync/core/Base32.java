package io.usync.core;

import java.util.Arrays;

/**
 * Lowercase RFC 4648 base32 without padding, the alphabet of share ids, key text and Message-IDs
 * (case-insensitive on decode so an id retyped in capitals still parses).
 */
public final class Base32 {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
            VALUES[Character.toUpperCase(ALPHABET[i])] = (byte) i;
        }
    }

    private Base32() {
    }

    /** Encodes bytes as lowercase base32 without padding. */
    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /**
     * Decodes unpadded base32 (either case); throws {@link IllegalArgumentException} naming the
     * first bad character's position, or when the length cannot be a whole number of bytes.
     */
    public static byte[] decode(CharSequence text) {
        int length = text.length();
        int rem = length % 8;
        if (rem == 1 || rem == 3 || rem == 6) {
            throw new IllegalArgumentException("base32 text has an impossible length " + length);
        }
        byte[] out = new byte[length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int pos = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                throw new IllegalArgumentException("invalid character at position " + (i + 1));
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[pos++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if (bits > 0 && (buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("base32 text has non-zero trailing bits");
        }
        return out;
    }
}
