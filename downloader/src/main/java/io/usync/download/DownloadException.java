package io.usync.download;

/**
 * A download fault that stops the whole download; its message is one line a person can act on.
 * Expected per-article outcomes (missing, corrupt) are values, not exceptions.
 */
public sealed class DownloadException extends RuntimeException
        permits DownloadException.ShareNotFound, DownloadException.WrongKey,
        DownloadException.TamperedManifest, DownloadException.NotEnoughSpace,
        DownloadException.OutputFailure, DownloadException.BadInput {

    private DownloadException(String message, Throwable cause) {
        super(message, cause);
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
