package io.usync.core.crypto;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A recipient's X25519 key pair; its private half is kept in a file whose key line is
 * {@code usync-key-<base32(private | public | checksum)>}, and it never prints its private key.
 */
public final class RecipientKeyPair implements Destroyable {

    /** Prefix of the private key line. */
    public static final String PREFIX = "usync-key-";

    private final byte[] privateRaw;
    private final RecipientPublicKey publicKey;
    private volatile boolean destroyed;

    RecipientKeyPair(byte[] privateRaw, RecipientPublicKey publicKey) {
        this.privateRaw = privateRaw;
        this.publicKey = publicKey;
    }

    /** The public half, to hand out as text. */
    public RecipientPublicKey publicKey() {
        return publicKey;
    }

    /** The private key file's content: a comment line and the key line. */
    public String toFileText() {
        checkAlive();
        byte[] body = ByteBuffer.allocate(64).put(privateRaw).put(publicKey.raw()).array();
        try {
            return "# usync recipient private key (X25519); keep this file secret\n"
                    + "# public key: " + publicKey.asText() + "\n"
                    + KeyText.encode(PREFIX, body) + "\n";
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    /** Parses a private key file's content (comment lines starting with '#' ignored). */
    public static RecipientKeyPair parseFileText(String text) {
        String keyLine = text.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .findFirst()
                .orElse("");
        byte[] body = KeyText.decode(PREFIX, keyLine, 64, "private key file");
        try {
            byte[] priv = Arrays.copyOf(body, 32);
            RecipientPublicKey pub = RecipientPublicKey.ofRaw(Arrays.copyOfRange(body, 32, 64));
            return new RecipientKeyPair(priv, pub);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    PrivateKey privateKey() {
        checkAlive();
        return X25519Codec.privateKey(privateRaw);
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("key pair was destroyed");
        }
    }

    /** Wipes the private key bytes. */
    @Override
    public void destroy() {
        Arrays.fill(privateRaw, (byte) 0);
        destroyed = true;
    }

    /** Whether {@link #destroy()} has run. */
    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "RecipientKeyPair[public=" + publicKey.asText() + ", private=hidden]";
    }
}
