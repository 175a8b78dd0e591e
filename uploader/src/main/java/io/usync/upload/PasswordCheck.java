package io.usync.upload;

import io.usync.core.ShareLocator;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.RootKeyWrap;
import io.usync.core.manifest.ManifestAad;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Tells whether a password is a protected share's own: the share's root key wrapped under its
 * first password, exactly as a manifest's key slot (public on the servers anyway), kept after the
 * share's secrets in the share row's key material, so a later version can refuse another password
 * before it locks out every reader who has the first one.
 */
final class PasswordCheck {

    private static final byte TAG = 'P';

    private final byte[] wrapped;

    private PasswordCheck(byte[] wrapped) {
        this.wrapped = wrapped;
    }

    /** The check for {@code root} under the password key {@code kek}. */
    static PasswordCheck of(SecretKey kek, RootKey root, ShareLocator locator, SecureRandom random) {
        return new PasswordCheck(RootKeyWrap.wrap(kek, root, ManifestAad.keySlot(locator), random));
    }

    /**
     * The check stored after the secrets' own encoding in {@code material}; empty for a share made
     * before checks were kept (or not protected).
     */
    static Optional<PasswordCheck> readAfter(byte[] material, ShareSecrets secrets) {
        return secrets.trailer(material, TAG).filter(t -> t.remaining() == RootKeyWrap.WRAPPED_LENGTH).map(t -> {
            byte[] wrapped = new byte[t.remaining()];
            t.get(wrapped);
            return new PasswordCheck(wrapped);
        });
    }

    /** {@code secrets}' encoding followed by this check: the key material to store. */
    byte[] appendTo(ShareSecrets secrets) {
        return secrets.encodeWith(TAG, wrapped);
    }

    /** Whether {@code kek}, derived from a password, opens this check (the password is the share's). */
    boolean opens(SecretKey kek, ShareLocator locator) {
        return RootKeyWrap.unwrap(kek, wrapped, ManifestAad.keySlot(locator)).isPresent();
    }

    @Override
    public String toString() {
        return "PasswordCheck[hidden]";
    }
}
