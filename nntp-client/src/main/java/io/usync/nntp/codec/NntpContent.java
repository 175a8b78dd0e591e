package io.usync.nntp.codec;

import io.netty.buffer.ByteBufHolder;

/**
 * A chunk of a dot-terminated block: inbound it is already dot-unstuffed, outbound (an article
 * after POST's 340) the encoder dot-stuffs it.
 */
public interface NntpContent extends ByteBufHolder {
}
