package io.usync.core.manifest;

import java.io.IOException;

/** A manifest (or manifest header) that cannot be decoded: truncated, oversized, or inconsistent. */
public final class ManifestFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line reason. */
    public ManifestFormatException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line reason and its cause. */
    public ManifestFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
