package io.usync.nntp.codec;

/** A status line from the server; when {@link #multiLine()} content chunks and a last chunk follow. */
public interface NntpResponse {

    /** The three-digit status code. */
    int code();

    /** The text after the code, without the separating space and CRLF. */
    String text();

    /** Whether a dot-terminated block follows this status line. */
    boolean multiLine();
}
