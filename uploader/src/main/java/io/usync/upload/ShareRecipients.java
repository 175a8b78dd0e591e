package io.usync.upload;

import io.usync.core.crypto.RecipientPublicKey;
import io.usync.core.manifest.ManifestHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The recipients a private share's root key has been wrapped for, kept after the share's secrets in
 * the share row's key material (public keys, no secret), so a later version can refuse to leave one
 * out (that recipient keeps the root key: leaving them out revokes nothing) and name the ones it adds.
 */
final class ShareRecipients {

    private static final byte TAG = 'R';
    private static final int KEY_LENGTH = 32;

    private final Set<RecipientPublicKey> keys;

    private ShareRecipients(Set<RecipientPublicKey> keys) {
        this.keys = keys;
    }

    /** The recipients {@code keys}, in order, each once. */
    static ShareRecipients of(List<RecipientPublicKey> keys) {
        if (keys.size() > ManifestHeader.MAX_SLOTS) {
            throw new IllegalArgumentException("a private share has at most " + ManifestHeader.MAX_SLOTS
                    + " recipients");
        }
        return new ShareRecipients(new LinkedHashSet<>(keys));
    }

    /**
     * The recipients stored after the secrets' own encoding in {@code material}; empty for a share
     * made before recipients were kept (or not private).
     */
    static Optional<ShareRecipients> readAfter(byte[] material, ShareSecrets secrets) {
        Optional<ByteBuffer> trailer = secrets.trailer(material, TAG);
        if (trailer.isEmpty() || trailer.get().remaining() < 2) {
            return Optional.empty();
        }
        ByteBuffer b = trailer.get();
        int count = Short.toUnsignedInt(b.getShort());
        if (count > ManifestHeader.MAX_SLOTS || b.remaining() != count * KEY_LENGTH) {
            return Optional.empty();
        }
        List<RecipientPublicKey> keys = new ArrayList<>(count);
        byte[] raw = new byte[KEY_LENGTH];
        for (int i = 0; i < count; i++) {
            b.get(raw);
            keys.add(RecipientPublicKey.ofRaw(raw));
        }
        return Optional.of(of(keys));
    }

    /** {@code secrets}' encoding followed by these recipients: the key material to store. */
    byte[] appendTo(ShareSecrets secrets) {
        ByteBuffer b = ByteBuffer.allocate(2 + keys.size() * KEY_LENGTH).putShort((short) keys.size());
        keys.forEach(k -> b.put(k.raw()));
        return secrets.encodeWith(TAG, b.array());
    }

    /** The stored recipients that {@code given} leaves out, in stored order. */
    List<RecipientPublicKey> leftOutBy(List<RecipientPublicKey> given) {
        return keys.stream().filter(k -> !given.contains(k)).toList();
    }

    /** The recipients of {@code given} that are not stored yet, in given order. */
    List<RecipientPublicKey> addedBy(List<RecipientPublicKey> given) {
        return given.stream().distinct().filter(k -> !keys.contains(k)).toList();
    }

    @Override
    public String toString() {
        return "ShareRecipients" + Arrays.toString(keys.stream().map(RecipientPublicKey::fingerprint).toArray());
    }
}
