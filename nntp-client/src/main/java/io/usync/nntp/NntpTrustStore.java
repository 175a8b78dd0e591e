package io.usync.nntp;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A trust store for one server's certificates (PKCS12 or JKS), used instead of the JDK's default.
 *
 * @param path     the key store file
 * @param type     {@code PKCS12} or {@code JKS}
 * @param password supplies the store password (may be empty)
 */
public record NntpTrustStore(Path path, String type, Supplier<char[]> password) {

    /** Validates the fields. */
    public NntpTrustStore {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(password, "password");
    }

    /** A PKCS12 store with a fixed password. */
    public static NntpTrustStore pkcs12(Path path, String password) {
        char[] copy = password.toCharArray();
        return new NntpTrustStore(path, "PKCS12", copy::clone);
    }

    @Override
    public String toString() {
        return "NntpTrustStore[path=" + path + ", type=" + type + "]";
    }
}
