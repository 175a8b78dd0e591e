package io.usync.download.fetch;

import io.netty.buffer.ByteBuf;

/**
 * Decodes one attempt at one article's body: fed dot-unstuffed chunks as they arrive, then asked
 * for a verdict. A bad verdict sends the article to another server; the decoder releases its own
 * buffers unless it returns them inside a good verdict.
 */
public interface ArticleDecoder {

    /** Consumes the readable bytes of the next body chunk (the caller keeps ownership of it). */
    void onContent(ByteBuf chunk);

    /** Ends the body: a verified segment, or why this server's copy is unusable. */
    DecodeVerdict onComplete();

    /** Releases buffers when the attempt ends without {@link #onComplete()} (connection lost). */
    void abandon();
}
