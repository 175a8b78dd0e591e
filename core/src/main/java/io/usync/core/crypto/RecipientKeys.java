package io.usync.core.crypto;

import io.usync.core.KeyTextException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;

/**
 * X25519 recipient keys: generating pairs, storing the private half in a 0600 file, and wrapping a
 * root key for a recipient (ephemeral X25519, HKDF-SHA256, AES-256-GCM) so only that recipient's
 * private key unwraps it.
 */
public final class RecipientKeys {

    /** Length of a wrapped slot: ephemeral public key, nonce, 32 key bytes, tag. */
    public static final int SLOT_LENGTH = X25519Codec.LENGTH + RootKeyWrap.WRAPPED_LENGTH;

    private RecipientKeys() {
    }

    /** Generates a fresh key pair. */
    public static RecipientKeyPair generate(SecureRandom random) {
        KeyPair pair = newPair(random);
        return new RecipientKeyPair(X25519Codec.rawPrivate(pair.getPrivate()),
                RecipientPublicKey.ofRaw(X25519Codec.rawPublic(pair.getPublic())));
    }

    /** Wraps {@code root} for {@code recipient}, binding {@code aad}; returns a {@link #SLOT_LENGTH}-byte slot. */
    public static byte[] wrap(RootKey root, RecipientPublicKey recipient, byte[] aad, SecureRandom random) {
        KeyPair ephemeral = newPair(random);
        byte[] ephemeralRaw = X25519Codec.rawPublic(ephemeral.getPublic());
        SecretKey kek = kek(ephemeral.getPrivate(), recipient.toJca(), ephemeralRaw, recipient.raw());
        byte[] wrapped = RootKeyWrap.wrap(kek, root, aad, random);
        return ByteBuffer.allocate(SLOT_LENGTH).put(ephemeralRaw).put(wrapped).array();
    }

    /** Unwraps a slot with a private key; empty when the slot was made for someone else or tampered with. */
    public static Optional<RootKey> unwrap(RecipientKeyPair identity, byte[] slot, byte[] aad) {
        if (slot.length != SLOT_LENGTH) {
            return Optional.empty();
        }
        byte[] ephemeralRaw = Arrays.copyOf(slot, X25519Codec.LENGTH);
        SecretKey kek;
        try {
            kek = kek(identity.privateKey(), X25519Codec.publicKey(ephemeralRaw), ephemeralRaw,
                    identity.publicKey().raw());
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
        return RootKeyWrap.unwrap(kek, Arrays.copyOfRange(slot, X25519Codec.LENGTH, slot.length), aad);
    }

    /** Writes a private key file readable only by its owner (0600 where POSIX permissions exist); never overwrites. */
    public static void writePrivateKeyFile(Path file, RecipientKeyPair pair) throws IOException {
        byte[] text = pair.toFileText().getBytes(StandardCharsets.US_ASCII);
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("key file " + file + " already exists; choose another path or remove it first", e);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /** Reads a private key file written by {@link #writePrivateKeyFile}. */
    public static RecipientKeyPair readPrivateKeyFile(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length > 4096) {
            throw new KeyTextException("private key file " + file + " is too large to be a usync key");
        }
        try {
            return RecipientKeyPair.parseFileText(new String(raw, StandardCharsets.US_ASCII));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static SecretKey kek(PrivateKey own, PublicKey peer, byte[] ephemeralRaw, byte[] recipientRaw) {
        byte[] shared;
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(own);
            agreement.doPhase(peer, true);
            shared = agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 key agreement failed", e);
        }
        byte[] salt = ByteBuffer.allocate(64).put(ephemeralRaw).put(recipientRaw).array();
        try {
            return Hkdf.derive(shared, salt, "usync/v1/recipient-wrap", "AES", 32);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    private static KeyPair newPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
            generator.initialize(NamedParameterSpec.X25519, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable", e);
        }
    }
}
