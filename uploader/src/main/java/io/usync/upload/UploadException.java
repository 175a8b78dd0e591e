package io.usync.upload;

/** The one fault hierarchy of the uploader: problems that stop an upload, each a one-line message. */
public sealed class UploadException extends RuntimeException
        permits SourceChangedException, UploadException.PlanMismatch, UploadException.ShareMismatch,
        UploadException.WrongPassword, UploadException.RemovedRecipient,
        UploadException.ServerRefused {

    private static final long serialVersionUID = 1L;

    /** Creates a fault with a one-line message. */
    protected UploadException(String message) {
        super(message);
    }

    /** Creates a fault with a one-line message and its cause. */
    protected UploadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An interrupted upload cannot resume because the folder changed since it started. */
    public static final class PlanMismatch extends UploadException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault with what differs and what to do. */
        public PlanMismatch(String message) {
            super(message);
        }
    }

    /** The share options given do not fit the share already recorded for this folder. */
    public static final class ShareMismatch extends UploadException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault with what differs and what to do. */
        public ShareMismatch(String message) {
            super(message);
        }
    }

    /**
     * The password given for a protected share is not the share's own: a version under it would
     * lock out every reader holding the share id and the first password, so nothing is posted.
     */
    public static final class WrongPassword extends UploadException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault (the message never holds a password). */
        public WrongPassword() {
            super("the password is not the one this folder's protected share was made with (its readers use that"
                    + " one); give that password, or drop the share with 'usync shares drop' to start a new share");
        }
    }

    /**
     * A private share's later version leaves out a recipient an earlier one was made for: that
     * recipient keeps the share's root key and id, so leaving them out revokes nothing and nothing is
     * posted.
     */
    public static final class RemovedRecipient extends UploadException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault naming the recipients left out by their fingerprints. */
        public RemovedRecipient(java.util.List<io.usync.core.crypto.RecipientPublicKey> removed) {
            super("this folder's private share was made for " + fingerprints(removed) + " too, and a recipient left"
                    + " out keeps the root key and the share id: removing one revokes nothing. Give every earlier"
                    + " --recipient again, or drop the share with 'usync shares drop' and upload the folder as a new"
                    + " share");
        }

        private static String fingerprints(java.util.List<io.usync.core.crypto.RecipientPublicKey> keys) {
            return String.join(", ", keys.stream().map(io.usync.core.crypto.RecipientPublicKey::fingerprint).toList());
        }
    }

    /**
     * A post or check server refused the login or the TLS session: a server-level fault, so the
     * upload stops at once instead of failing article by article; the cause is the NNTP fault.
     */
    public static final class ServerRefused extends UploadException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault from the server's refusal (its message never holds the password). */
        public ServerRefused(io.usync.nntp.NntpException cause) {
            super(cause.getMessage() + "; nothing more was posted, run the same command again once it is fixed",
                    cause);
        }

        /** Whether the refusal was the TLS session (otherwise the login). */
        public boolean tls() {
            return getCause() instanceof io.usync.nntp.NntpTlsException;
        }
    }
}
