package io.usync.download;

/**
 * Why a download could not run: a {@link Kind} that callers map to exit codes, and the one line a
 * person can act on (never a secret).
 *
 * @param kind what kind of failure it was
 * @param reason the one-line reason
 */
public record DownloadFailure(Kind kind, String reason) {

    /** The kinds of failure a caller tells apart. */
    public enum Kind {
        /** A read server refused the login (or demanded one that is not configured). */
        SERVER_LOGIN,
        /** The TLS handshake with a read server failed or its certificate was not trusted. */
        SERVER_TLS,
        /** A read server refused service for too many connections. */
        SERVER_LIMIT,
        /** No read server could be reached (connect, timeout, lost connection, circuit open). */
        NETWORK,
        /** No read server has the share's manifest. */
        SHARE_NOT_FOUND,
        /** The password or private key does not open the share. */
        WRONG_KEY,
        /** The manifest failed authentication or cannot be read. */
        TAMPERED_MANIFEST,
        /** The input (share id, NZB, options) is unusable. */
        BAD_INPUT,
        /** The target file system lacks the space the plan needs. */
        NOT_ENOUGH_SPACE,
        /** Writing, syncing or renaming output failed. */
        OUTPUT,
        /** The download was interrupted. */
        INTERRUPTED
    }

    /** Validates that both parts are present and the reason is one line. */
    public DownloadFailure {
        if (kind == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a failure needs a kind and a reason");
        }
        reason = reason.replaceAll("[\\r\\n]+", " ");
    }

    /** The reason, for logs and messages. */
    @Override
    public String toString() {
        return kind + ": " + reason;
    }
}
