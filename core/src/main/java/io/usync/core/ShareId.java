package io.usync.core;

import io.usync.core.crypto.KdfParameters;
import io.usync.core.crypto.RootKey;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A share's copyable id, {@code usync1-} then lowercase base32 of {@code kind | payload | checksum}
 * (the checksum is 4 bytes of SHA-256 so a mistyped id is caught). Print it with {@link #asText()};
 * {@code toString()} is masked so a public id (which holds the key) never leaks into a log.
 */
public sealed interface ShareId {

    /** The text prefix of every v1 share id. */
    String PREFIX = "usync1-";

    /** The share's locator. */
    ShareLocator locator();

    /** The kind of share. */
    ShareKind kind();

    /** The id as text to show to the user. */
    default String asText() {
        return ShareIdCodec.encode(this);
    }

    /** Parses an id; throws {@link InvalidShareIdException} with one line on any defect. */
    static ShareId parse(String text) {
        return ShareIdCodec.decode(text);
    }

    /** A public share: whoever holds the id can read it. */
    record Public(ShareLocator locator, RootKey rootKey) implements ShareId {
        /** Validates the parts. */
        public Public {
            if (locator == null || rootKey == null) {
                throw new IllegalArgumentException("locator and root key are required");
            }
        }

        @Override
        public ShareKind kind() {
            return ShareKind.PUBLIC;
        }

        @Override
        public String toString() {
            return "ShareId[PUBLIC, " + locator.hex() + ", key hidden]";
        }
    }

    /** A password-protected share: the id carries the Argon2id salt and parameters. */
    record Protected(ShareLocator locator, KdfParameters kdf) implements ShareId {
        /** Validates the parts. */
        public Protected {
            if (locator == null || kdf == null) {
                throw new IllegalArgumentException("locator and KDF parameters are required");
            }
        }

        @Override
        public ShareKind kind() {
            return ShareKind.PROTECTED;
        }

        @Override
        public String toString() {
            return "ShareId[PROTECTED, " + locator.hex() + ", " + kdf + "]";
        }
    }

    /** A private share: the root key is wrapped for recipients inside the manifest header. */
    record Private(ShareLocator locator) implements ShareId {
        /** Validates the locator. */
        public Private {
            if (locator == null) {
                throw new IllegalArgumentException("locator is required");
            }
        }

        @Override
        public ShareKind kind() {
            return ShareKind.PRIVATE;
        }

        @Override
        public String toString() {
            return "ShareId[PRIVATE, " + locator.hex() + "]";
        }
    }
}

/** Byte layout and checksum of share ids. */
final class ShareIdCodec {

    private static final int CHECKSUM = 4;

    private ShareIdCodec() {
    }

    static String encode(ShareId id) {
        ByteBuffer b = ByteBuffer.allocate(1 + payloadLength(id.kind()) + CHECKSUM);
        b.put((byte) id.kind().code()).put(id.locator().bytes());
        switch (id) {
            case ShareId.Public p -> {
                byte[] key = p.rootKey().bytes();
                b.put(key);
                Arrays.fill(key, (byte) 0);
            }
            case ShareId.Protected p -> p.kdf().write(b);
            case ShareId.Private p -> { }
        }
        b.put(checksum(b.array(), b.position()));
        byte[] all = b.array();
        try {
            return ShareId.PREFIX + Base32.encode(all);
        } finally {
            Arrays.fill(all, (byte) 0);
        }
    }

    static ShareId decode(String text) {
        if (text == null) {
            throw new InvalidShareIdException("no share id given; pass the usync1-... id printed by the upload");
        }
        String t = text.strip();
        if (!t.toLowerCase(Locale.ROOT).startsWith(ShareId.PREFIX)) {
            throw new InvalidShareIdException("not a usync share id (it must start with '" + ShareId.PREFIX
                    + "'); check that the whole id was copied");
        }
        byte[] all;
        try {
            all = Base32.decode(t.substring(ShareId.PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidShareIdException("share id is damaged: " + e.getMessage() + "; copy it again");
        }
        if (all.length < 1 + ShareLocator.LENGTH + CHECKSUM) {
            throw new InvalidShareIdException("share id is too short; check that the whole id was copied");
        }
        int bodyLength = all.length - CHECKSUM;
        byte[] expected = checksum(all, bodyLength);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(all, bodyLength, all.length))) {
            Arrays.fill(all, (byte) 0);
            throw new InvalidShareIdException("share id checksum does not match (mistyped or truncated); copy it again");
        }
        ShareKind kind = ShareKind.ofCode(all[0] & 0xff).orElseThrow(() -> new InvalidShareIdException(
                "share id has unknown kind " + (all[0] & 0xff) + "; it may come from a newer usync, upgrade"));
        if (bodyLength != 1 + payloadLength(kind)) {
            Arrays.fill(all, (byte) 0);
            throw new InvalidShareIdException("share id has the wrong length for a " + kind.name().toLowerCase(Locale.ROOT)
                    + " share; check that the whole id was copied");
        }
        ByteBuffer b = ByteBuffer.wrap(all, 1, bodyLength - 1);
        byte[] loc = new byte[ShareLocator.LENGTH];
        b.get(loc);
        ShareLocator locator = ShareLocator.of(loc);
        try {
            return switch (kind) {
                case PUBLIC -> {
                    byte[] key = new byte[RootKey.LENGTH];
                    b.get(key);
                    RootKey root = RootKey.of(key);
                    Arrays.fill(key, (byte) 0);
                    yield new ShareId.Public(locator, root);
                }
                case PROTECTED -> new ShareId.Protected(locator, KdfParameters.read(b));
                case PRIVATE -> new ShareId.Private(locator);
            };
        } catch (KdfParametersException e) {
            throw new InvalidShareIdException("share id refused: " + e.getMessage());
        } finally {
            Arrays.fill(all, (byte) 0);
        }
    }

    private static int payloadLength(ShareKind kind) {
        return ShareLocator.LENGTH + switch (kind) {
            case PUBLIC -> RootKey.LENGTH;
            case PROTECTED -> KdfParameters.ENCODED_LENGTH;
            case PRIVATE -> 0;
        };
    }

    private static byte[] checksum(byte[] data, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data, 0, length);
            return Arrays.copyOf(sha.digest(), CHECKSUM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
