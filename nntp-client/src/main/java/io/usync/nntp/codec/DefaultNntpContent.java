package io.usync.nntp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/** The plain {@link NntpContent} holding one buffer. */
public class DefaultNntpContent extends DefaultByteBufHolder implements NntpContent {

    /** Wraps the buffer; the holder owns it. */
    public DefaultNntpContent(ByteBuf data) {
        super(data);
    }

    @Override
    public DefaultNntpContent replace(ByteBuf content) {
        return new DefaultNntpContent(content);
    }

    @Override
    public DefaultNntpContent retain() {
        super.retain();
        return this;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + content().readableBytes() + " bytes)";
    }
}
