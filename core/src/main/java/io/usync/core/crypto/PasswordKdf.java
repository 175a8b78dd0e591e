package io.usync.core.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Turns a password into a 256-bit key-encryption key with Argon2id (RFC 9106) under
 * {@link KdfParameters}, whose caps were checked when they were built or read.
 */
public final class PasswordKdf {

    private PasswordKdf() {
    }

    /** Derives the AES-256 key that wraps a protected share's root key. */
    public static SecretKey derive(char[] password, KdfParameters parameters) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("password is empty");
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] pw = new byte[encoded.remaining()];
        encoded.get(pw);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        byte[] out = new byte[32];
        try {
            Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withSalt(parameters.salt())
                    .withMemoryAsKB(parameters.memoryKib())
                    .withIterations(parameters.iterations())
                    .withParallelism(parameters.parallelism())
                    .build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            generator.generateBytes(pw, out);
            return new SecretKeySpec(out, "AES");
        } finally {
            Arrays.fill(pw, (byte) 0);
            Arrays.fill(out, (byte) 0);
        }
    }
}
