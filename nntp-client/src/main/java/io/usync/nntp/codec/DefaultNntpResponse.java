package io.usync.nntp.codec;

import java.util.Objects;

/** The immutable {@link NntpResponse}; the code must be three digits. */
public record DefaultNntpResponse(int code, String text, boolean multiLine) implements NntpResponse {

    /** Validates the code range and the text. */
    public DefaultNntpResponse {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("NNTP status code must be 100..599, was " + code);
        }
        Objects.requireNonNull(text, "text");
    }
}
