package io.usync.nntp;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * AUTHINFO USER/PASS credentials; the password is fetched late through a supplier and never shown
 * by {@link #toString()}.
 *
 * @param username the AUTHINFO USER name
 * @param password supplies the password each time a login needs it
 */
public record NntpCredentials(String username, Supplier<char[]> password) {

    /** Validates the user name (non-empty, no spaces or control characters). */
    public NntpCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty() || username.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("NNTP user name must be printable ASCII without spaces");
        }
    }

    /** Credentials with a fixed password (tests and simple tools). */
    public static NntpCredentials of(String username, String password) {
        char[] copy = password.toCharArray();
        return new NntpCredentials(username, copy::clone);
    }

    @Override
    public String toString() {
        return "NntpCredentials[username=" + username + ", password=****]";
    }
}
