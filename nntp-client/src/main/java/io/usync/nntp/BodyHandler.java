package io.usync.nntp;

import io.netty.buffer.ByteBuf;

/**
 * Consumes one attempt's article body as it streams off the socket (dot-unstuffed, CRLF line ends)
 * and judges it at the end; it runs on the connection's event loop and must not block.
 */
public interface BodyHandler<T> {

    /** A chunk of the body; valid only during the call (retain or copy to keep it). */
    void onContent(ByteBuf chunk);

    /** The body ended; returns the decoded value or why it is bad (moves the fetch to another server). */
    Verdict<T> onComplete();

    /**
     * The attempt ended without a body (a miss such as 430, another reply without body, connection
     * lost, timeout, shutdown); release anything held. Exactly one of this and {@link #onComplete}
     * is called for every handler given to a command.
     */
    default void onAbort(Throwable cause) {
    }
}
