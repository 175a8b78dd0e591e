package io.usync.nntp;

import java.time.Duration;
import java.util.Objects;

/**
 * Deadlines for one server.
 *
 * @param connect TCP connect plus TLS handshake
 * @param login   greeting, capabilities and AUTHINFO together
 * @param read    longest silence while a reply is awaited
 * @param command longest time one command may stay in flight
 */
public record NntpTimeouts(Duration connect, Duration login, Duration read, Duration command) {

    /** Validates that every deadline is positive. */
    public NntpTimeouts {
        for (Duration d : new Duration[] {connect, login, read, command}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("NNTP timeouts must be positive");
            }
        }
    }

    /** 10 s connect, 30 s login, 60 s read, 120 s per command. */
    public static NntpTimeouts defaults() {
        return new NntpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(120));
    }
}
