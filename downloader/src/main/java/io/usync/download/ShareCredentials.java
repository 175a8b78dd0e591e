package io.usync.download;

import io.usync.core.crypto.RecipientKeyPair;
import java.util.Arrays;

/** What the user supplied to open a protected or private share: nothing, a password, or a key. */
public sealed interface ShareCredentials {

    /** No credentials (public shares and NZB downloads). */
    record None() implements ShareCredentials {
    }

    /** A password for a protected share; {@code toString()} never shows it. */
    record Password(char[] password) implements ShareCredentials {
        /** Validates and copies the password. */
        public Password {
            if (password == null || password.length == 0) {
                throw new IllegalArgumentException("the password is empty");
            }
            password = password.clone();
        }

        /** A copy of the password. */
        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Password p && Arrays.equals(p.password, password);
        }

        @Override
        public int hashCode() {
            return 1;
        }

        @Override
        public String toString() {
            return "Password[hidden]";
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
