package io.usync.index;

import java.util.Objects;
import java.util.Optional;

/** One pack of small files: index within its version, blob size, digest and member count. */
public record PackRecord(int packIndex, long size, Optional<Sha256> sha256, int entries) {

    /** Validates the numbers. */
    public PackRecord {
        if (packIndex < 0 || size < 0 || entries < 0) {
            throw new IllegalArgumentException("bad pack " + packIndex + " size " + size + " entries " + entries);
        }
        Objects.requireNonNull(sha256, "sha256");
    }
}
