package io.usync.nntp.codec;

/** The final chunk of a dot-terminated block; outbound, the encoder appends the terminating dot line after it. */
public interface LastNntpContent extends NntpContent {

    /** An empty last chunk (ends a block whose bytes came in earlier chunks). */
    LastNntpContent EMPTY = new DefaultLastNntpContent(io.netty.buffer.Unpooled.EMPTY_BUFFER);
}
