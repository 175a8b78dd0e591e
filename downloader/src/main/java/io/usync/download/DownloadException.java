package io.usync.download;

import io.usync.nntp.NntpAuthException;
import io.usync.nntp.NntpConnectException;
import io.usync.nntp.NntpException;
import io.usync.nntp.NntpTlsException;

/**
 * A download fault that stops the whole download; its message is one line a person can act on.
 * Expected per-article outcomes (missing, corrupt) are values, not exceptions.
 */
public abstract sealed class DownloadException extends RuntimeException
        permits DownloadException.ShareNotFound, DownloadException.WrongKey,
        DownloadException.TamperedManifest, DownloadException.NotEnoughSpace,
        DownloadException.OutputFailure, DownloadException.BadInput, DownloadException.ServerFault {

    private DownloadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The kind of failure this fault stands for (what callers map to exit codes). */
    public DownloadFailure.Kind kind() {
        return switch (this) {
            case ShareNotFound s -> DownloadFailure.Kind.SHARE_NOT_FOUND;
            case WrongKey w -> DownloadFailure.Kind.WRONG_KEY;
            case TamperedManifest t -> DownloadFailure.Kind.TAMPERED_MANIFEST;
            case NotEnoughSpace n -> DownloadFailure.Kind.NOT_ENOUGH_SPACE;
            case OutputFailure o -> DownloadFailure.Kind.OUTPUT;
            case BadInput b -> DownloadFailure.Kind.BAD_INPUT;
            case ServerFault f -> f.serverKind();
        };
    }

    /** This fault as a report's failure. */
    public DownloadFailure failure() {
        return new DownloadFailure(kind(), getMessage());
    }

    /**
     * The read servers could not serve the download at all: a login or TLS refusal (which stops
     * the download at once), too many connections, or no server reachable.
     */
    public static final class ServerFault extends DownloadException {
        /** Creates the fault with a one-line message and the NNTP client's fault. */
        public ServerFault(String message, NntpException cause) {
            super(message, cause);
        }

        private DownloadFailure.Kind serverKind() {
            return switch (getCause()) {
                case NntpAuthException a -> DownloadFailure.Kind.SERVER_LOGIN;
                case NntpTlsException t -> DownloadFailure.Kind.SERVER_TLS;
                case NntpConnectException c when c.tooManyConnections() -> DownloadFailure.Kind.SERVER_LIMIT;
                default -> DownloadFailure.Kind.NETWORK;
            };
        }
    }

    /** No read server has the share's manifest (wrong id, expired, or wrong server profile). */
    public static final class ShareNotFound extends DownloadException {
        /** Creates the fault with a one-line message. */
        public ShareNotFound(String message) {
            super(message, null);
        }
    }

    /** The password or private key does not open the share's key slots. */
    public static final class WrongKey extends DownloadException {
        /** Creates the fault with a one-line message. */
        public WrongKey(String message) {
            super(message, null);
        }
    }

    /** The manifest failed authentication or its descriptor does not match what was asked for. */
    public static final class TamperedManifest extends DownloadException {
        /** Creates the fault with a one-line message and an optional cause. */
        public TamperedManifest(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The target file system has less free space than the plan needs. */
    public static final class NotEnoughSpace extends DownloadException {
        /** Creates the fault with a one-line message. */
        public NotEnoughSpace(String message) {
            super(message, null);
        }
    }

    /** Writing, syncing or renaming output failed. */
    public static final class OutputFailure extends DownloadException {
        /** Creates the fault with a one-line message and its cause. */
        public OutputFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The input (share id, NZB, options) is unusable. */
    public static final class BadInput extends DownloadException {
        /** Creates the fault with a one-line message and an optional cause. */
        public BadInput(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
