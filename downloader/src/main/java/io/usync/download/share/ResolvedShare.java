package io.usync.download.share;

import io.usync.core.manifest.ManifestDescriptor;

/** A share whose root key is recovered and whose manifest descriptor is authenticated. */
public record ResolvedShare(ShareCrypto crypto, int version, ManifestDescriptor descriptor) {

    /** Validates that the descriptor belongs to the version. */
    public ResolvedShare {
        if (crypto == null || descriptor == null || descriptor.version() != version) {
            throw new IllegalArgumentException("descriptor does not match version " + version);
        }
    }
}
