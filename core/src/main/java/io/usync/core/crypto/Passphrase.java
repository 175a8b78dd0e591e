package io.usync.core.crypto;

import java.util.Arrays;

/**
 * A password as typed by a person (for a protected share): copied in and out so callers can wipe
 * theirs, compared by content, and never shown by {@code toString()}.
 */
public record Passphrase(char[] chars) {

    /** Validates that the password is not empty and copies it. */
    public Passphrase {
        if (chars == null || chars.length == 0) {
            throw new IllegalArgumentException("the password is empty");
        }
        chars = chars.clone();
    }

    /** A copy of the password's characters. */
    @Override
    public char[] chars() {
        return chars.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Passphrase p && Arrays.equals(p.chars, chars);
    }

    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public String toString() {
        return "Passphrase[hidden]";
    }
}
