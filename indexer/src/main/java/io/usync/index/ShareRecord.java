package io.usync.index;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/** A stored share: its index id and what it was created with. */
public record ShareRecord(long id, ShareMode mode, byte[] locator, byte[] publicKeyMaterial, String label,
                          String sourceRoot, Instant createdAt, ShareStatus status) {

    /** Validates and copies the byte arrays. */
    public ShareRecord {
        if (id < 1) {
            throw new IllegalArgumentException("share ids start at 1: " + id);
        }
        Objects.requireNonNull(mode, "mode");
        locator = locator.clone();
        publicKeyMaterial = publicKeyMaterial.clone();
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(sourceRoot, "sourceRoot");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
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

    @Override
    public String toString() {
        return "ShareRecord[id=" + id + ", mode=" + mode + ", locator=" + HexFormat.of().formatHex(locator)
                + ", label=" + label + ", status=" + status + "]";
    }
}
