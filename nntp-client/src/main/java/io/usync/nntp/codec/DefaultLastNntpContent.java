package io.usync.nntp.codec;

import io.netty.buffer.ByteBuf;

/** The plain {@link LastNntpContent} holding one buffer. */
public final class DefaultLastNntpContent extends DefaultNntpContent implements LastNntpContent {

    /** Wraps the buffer; the holder owns it. */
    public DefaultLastNntpContent(ByteBuf data) {
        super(data);
    }

    @Override
    public DefaultLastNntpContent replace(ByteBuf content) {
        return new DefaultLastNntpContent(content);
    }

    @Override
    public DefaultLastNntpContent retain() {
        super.retain();
        return this;
    }
}
