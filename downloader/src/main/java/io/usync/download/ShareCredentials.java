package io.usync.download;

import io.usync.core.crypto.Passphrase;
import io.usync.core.crypto.RecipientKeyPair;

/** What the user supplied to open a protected or private share: nothing, a password, or a key. */
public sealed interface ShareCredentials {

    /** No credentials (public shares and NZB downloads). */
    record None() implements ShareCredentials {
    }

    /** A password for a protected share; {@code toString()} never shows it. */
    record Password(Passphrase passphrase) implements ShareCredentials {
        /** Validates that the passphrase is given. */
        public Password {
            if (passphrase == null) {
                throw new IllegalArgumentException("the password is empty");
            }
        }

        /** Wraps (a copy of) a password. */
        public Password(char[] password) {
            this(new Passphrase(password));
        }

        /** A copy of the password. */
        public char[] password() {
            return passphrase.chars();
        }
    }

    /** A recipient's private key for a private share. */
    record Identity(RecipientKeyPair keyPair) implements ShareCredentials {
        /** Validates the key. */
        public Identity {
            if (keyPair == null) {
                throw new IllegalArgumentException("the key is required");
            }
        }
    }

    /** No credentials. */
    static ShareCredentials none() {
        return new None();
    }
}
