package io.usync.upload;

import io.usync.core.crypto.KdfParameters;
import io.usync.core.crypto.RootKey;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the uploader keeps in its index to resume a share or add a version under the same id: the
 * root key and, for a protected share, the password KDF parameters (the salt is in the share id).
 * Stored in the share row's key material column; never logged.
 */
record ShareSecrets(RootKey rootKey, Optional<KdfParameters> kdf) {

    private static final byte FORMAT = 1;

    /** The stored encoding: format byte, root key, then a flag and the KDF parameters. */
    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(1 + RootKey.LENGTH + 1 + KdfParameters.ENCODED_LENGTH);
        byte[] key = rootKey.bytes();
        b.put(FORMAT).put(key);
        Arrays.fill(key, (byte) 0);
        if (kdf.isPresent()) {
            b.put((byte) 1);
            kdf.get().write(b);
        } else {
            b.put((byte) 0);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /**
     * The key material to store: this encoding, then {@code tag} and {@code trailer}, what a kind of
     * share keeps beside its secrets (a protected share's {@link PasswordCheck}, a private share's
     * {@link ShareRecipients}).
     */
    byte[] encodeWith(byte tag, byte[] trailer) {
        byte[] head = encode();
        byte[] material = Arrays.copyOf(head, head.length + 1 + trailer.length);
        material[head.length] = tag;
        System.arraycopy(trailer, 0, material, head.length + 1, trailer.length);
        return material;
    }

    /**
     * The trailer that {@link #encodeWith} stored under {@code tag} after this encoding in
     * {@code material}; empty when there is none (a share made before trailers were kept).
     */
    Optional<ByteBuffer> trailer(byte[] material, byte tag) {
        int at = encode().length;
        if (material.length <= at || material[at] != tag) {
            return Optional.empty();
        }
        return Optional.of(ByteBuffer.wrap(material, at + 1, material.length - at - 1).slice());
    }

    /** Decodes what {@link #encode()} stored. */
    static ShareSecrets decode(byte[] stored) {
        try {
            ByteBuffer b = ByteBuffer.wrap(stored);
            if (b.get() != FORMAT) {
                throw new IllegalArgumentException("unknown key material format");
            }
            byte[] key = new byte[RootKey.LENGTH];
            b.get(key);
            RootKey root = RootKey.of(key);
            Arrays.fill(key, (byte) 0);
            Optional<KdfParameters> kdf = b.get() == 1 ? Optional.of(KdfParameters.read(b)) : Optional.empty();
            return new ShareSecrets(root, kdf);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("stored key material is truncated", e);
        }
    }

    @Override
    public String toString() {
        return "ShareSecrets[hidden]";
    }
}
