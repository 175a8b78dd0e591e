package io.usync.core.crypto;

/** The outcome of opening sealed data: the plaintext length written, or why it was refused. */
public sealed interface OpenResult {

    /** The data authenticated and {@code length} plaintext bytes were written to the output. */
    record Opened(int length) implements OpenResult {
        /** Validates the length. */
        public Opened {
            if (length < 0) {
                throw new IllegalArgumentException("negative length");
            }
        }
    }

    /** The data did not authenticate (or was too short); nothing usable was written. */
    record Rejected(String reason) implements OpenResult {
        /** Validates the reason. */
        public Rejected {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason is required");
            }
        }
    }
}
