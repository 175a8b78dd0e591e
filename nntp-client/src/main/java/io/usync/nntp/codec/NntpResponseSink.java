package io.usync.nntp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Receives a parsed reply as it streams: the status line, then for a multi-line reply the
 * dot-unstuffed content ranges and the end. Ranges are valid only during the call (retain a slice
 * to keep bytes); nothing is allocated to deliver them.
 */
public interface NntpResponseSink {

    /** A status line; its text is {@code buf[textIndex, textIndex + textLength)}. */
    void onStatus(int code, boolean multiLine, ByteBuf buf, int textIndex, int textLength);

    /** Dot-unstuffed block bytes, CRLF line ends included. */
    void onContent(ByteBuf buf, int index, int length);

    /** The terminating dot line of a multi-line reply was read. */
    void onContentEnd();
}
