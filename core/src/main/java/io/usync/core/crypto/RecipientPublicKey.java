package io.usync.core.crypto;

import java.security.PublicKey;
import java.util.Arrays;

/** A recipient's X25519 public key, shared as text {@code usync-pub-<base32 with checksum>}. */
public final class RecipientPublicKey {

    /** Prefix of the text form. */
    public static final String PREFIX = "usync-pub-";

    private final byte[] raw;

    private RecipientPublicKey(byte[] raw) {
        this.raw = raw;
    }

    /** Wraps the raw 32-byte RFC 7748 encoding. */
    public static RecipientPublicKey ofRaw(byte[] raw) {
        if (raw == null || raw.length != X25519Codec.LENGTH) {
            throw new IllegalArgumentException("an X25519 public key is 32 bytes");
        }
        return new RecipientPublicKey(raw.clone());
    }

    /** Parses {@code usync-pub-...}; throws {@link io.usync.core.KeyTextException} with one clear line. */
    public static RecipientPublicKey parse(String text) {
        return new RecipientPublicKey(KeyText.decode(PREFIX, text, X25519Codec.LENGTH, "recipient public key"));
    }

    /** The copyable text form. */
    public String asText() {
        return KeyText.encode(PREFIX, raw);
    }

    /**
     * A short form for messages: the prefix and the first 12 characters of the text form (60 bits,
     * enough to tell a person's keys apart), so a line can name a key without its whole text.
     */
    public String fingerprint() {
        return asText().substring(0, PREFIX.length() + 12) + "...";
    }

    /** The raw 32 bytes (copy). */
    public byte[] raw() {
        return raw.clone();
    }

    PublicKey toJca() {
        return X25519Codec.publicKey(raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecipientPublicKey k && Arrays.equals(raw, k.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return asText();
    }
}
