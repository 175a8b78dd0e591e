package io.usync.nntp.connection;

import java.util.List;
import java.util.Objects;

/**
 * A complete reply: code, text and, for multi-line text replies (CAPABILITIES), the lines.
 *
 * @param code  the status code
 * @param text  the status text
 * @param lines the block's lines without CRLF (empty for single-line replies)
 */
public record NntpReply(int code, String text, List<String> lines) {

    /** Validates the fields. */
    public NntpReply {
        Objects.requireNonNull(text, "text");
        lines = List.copyOf(lines);
    }

    /** A single-line reply. */
    public static NntpReply of(int code, String text) {
        return new NntpReply(code, text, List.of());
    }

    /** The code and text as one line, as the server sent it. */
    public String line() {
        return code + " " + text;
    }
}
