package io.usync.config;

import java.nio.file.Path;
import java.util.Optional;

/** A PKCS12 trust store to verify a server's certificate against, with its password by reference. */
public record TrustStoreSettings(Path path, Optional<SecretRef> password) {

    /** Validates presence. */
    public TrustStoreSettings {
        if (path == null || password == null) {
            throw new IllegalArgumentException("path and password (may be empty) are required");
        }
    }
}
