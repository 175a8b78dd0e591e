package io.usync.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;

/** HKDF-SHA256 (RFC 5869) through the JDK's {@code javax.crypto.KDF}, with text labels as info. */
final class Hkdf {

    private Hkdf() {
    }

    /** Derives {@code length} bytes as a key of {@code algorithm} from ikm, salt and a label. */
    static SecretKey derive(byte[] ikm, byte[] salt, String label, String algorithm, int length) {
        try {
            KDF kdf = KDF.getInstance("HKDF-SHA256");
            var spec = HKDFParameterSpec.ofExtract()
                    .addIKM(ikm)
                    .addSalt(salt)
                    .thenExpand(label.getBytes(StandardCharsets.US_ASCII), length);
            return kdf.deriveKey(algorithm, spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 unavailable in this JDK", e);
        }
    }
}
