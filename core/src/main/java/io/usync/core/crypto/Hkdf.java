package io.usync.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) on {@link HmacSha256}, with text labels as info. */
final class Hkdf {

    private static final int MAX_LENGTH = 255 * HmacSha256.LENGTH;

    private Hkdf() {
    }

    /** Derives {@code length} bytes as a key of {@code algorithm} from ikm, salt and a label. */
    static SecretKey derive(byte[] ikm, byte[] salt, String label, String algorithm, int length) {
        byte[] okm = derive(ikm, salt, label.getBytes(StandardCharsets.US_ASCII), length);
        try {
            return new SecretKeySpec(okm, algorithm);
        } finally {
            Arrays.fill(okm, (byte) 0);
        }
    }

    /** Extract-then-expand: {@code length} (1 to 8,160) bytes of output keying material. */
    static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 derives 1 to " + MAX_LENGTH + " bytes, not " + length);
        }
        byte[] prk = new HmacSha256(salt.length == 0 ? new byte[HmacSha256.LENGTH] : salt).update(ikm).doFinal();
        HmacSha256 expand = new HmacSha256(prk);
        Arrays.fill(prk, (byte) 0);
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        for (int i = 1, done = 0; done < length; i++) {
            byte[] previous = block;
            block = expand.update(previous).update(info).update((byte) i).doFinal();
            Arrays.fill(previous, (byte) 0);
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, okm, done, n);
            done += n;
        }
        Arrays.fill(block, (byte) 0);
        return okm;
    }
}
