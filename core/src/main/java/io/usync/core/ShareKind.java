package io.usync.core;

/** How a share's root key reaches a downloader. */
public enum ShareKind {
    /** The root key is inside the share id. */
    PUBLIC(1),
    /** The root key is wrapped under a password-derived key (Argon2id); the id carries salt and parameters. */
    PROTECTED(2),
    /** The root key is wrapped for each recipient's X25519 public key; the id carries only the locator. */
    PRIVATE(3);

    private final int code;

    ShareKind(int code) {
        this.code = code;
    }

    /** The kind byte used in share ids and manifest headers. */
    public int code() {
        return code;
    }

    /** The kind for a kind byte, if any. */
    public static java.util.Optional<ShareKind> ofCode(int code) {
        for (ShareKind k : values()) {
            if (k.code == code) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
