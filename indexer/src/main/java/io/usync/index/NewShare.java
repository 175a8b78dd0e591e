package io.usync.index;

import java.util.Objects;

/**
 * What the index needs to create a share: its mode, locator, public key material (salt and KDF
 * parameters, or recipients' public keys; never secrets), a label and the source folder.
 */
public record NewShare(ShareMode mode, byte[] locator, byte[] publicKeyMaterial, String label, String sourceRoot) {

    /** Validates and copies the byte arrays. */
    public NewShare {
        Objects.requireNonNull(mode, "mode");
        if (locator == null || locator.length == 0 || locator.length > 64) {
            throw new IllegalArgumentException("a share locator is 1..64 bytes");
        }
        locator = locator.clone();
        publicKeyMaterial = publicKeyMaterial == null ? new byte[0] : publicKeyMaterial.clone();
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sourceRoot, "sourceRoot");
    }

    /** A copy of the locator. */
    @Override
    public byte[] locator() {
        return locator.clone();
    }

    /** A copy of the public key material. */
    @Override
    public byte[] publicKeyMaterial() {
        return publicKeyMaterial.clone();
    }
}
