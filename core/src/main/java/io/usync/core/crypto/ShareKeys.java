package io.usync.core.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * The working keys of a share, each derived from the root key with HKDF-SHA256 under its own
 * label so that no key serves two purposes: segment data, manifest, Message-IDs and subjects.
 */
public final class ShareKeys {

    private static final byte[] SALT = "usync/v1/share-keys".getBytes(StandardCharsets.US_ASCII);

    private final SecretKey data;
    private final SecretKey manifest;
    private final SecretKey messageId;
    private final SecretKey subject;

    private ShareKeys(SecretKey data, SecretKey manifest, SecretKey messageId, SecretKey subject) {
        this.data = data;
        this.manifest = manifest;
        this.messageId = messageId;
        this.subject = subject;
    }

    /** Derives the four working keys from a share's root key. */
    public static ShareKeys derive(RootKey root) {
        byte[] ikm = root.bytes();
        try {
            return new ShareKeys(
                    Hkdf.derive(ikm, SALT, "usync/v1/data", "AES", 32),
                    Hkdf.derive(ikm, SALT, "usync/v1/manifest", "AES", 32),
                    Hkdf.derive(ikm, SALT, "usync/v1/message-id", "HmacSHA256", 32),
                    Hkdf.derive(ikm, SALT, "usync/v1/subject", "HmacSHA256", 32));
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
    }

    /** AES-256 key sealing segment data ({@link SegmentSealer}). */
    public SecretKey data() {
        return data;
    }

    /** AES-256 key sealing the manifest descriptor and pages. */
    public SecretKey manifest() {
        return manifest;
    }

    /** HMAC-SHA256 key deriving segment and manifest page Message-IDs ({@link MessageIds}). */
    public SecretKey messageId() {
        return messageId;
    }

    /** HMAC-SHA256 key deriving random-looking article subjects and names. */
    public SecretKey subject() {
        return subject;
    }

    @Override
    public String toString() {
        return "ShareKeys[hidden]";
    }
}
