package io.usync.download.fetch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.usync.segmenter.yenc.YencDecoder;
import io.usync.segmenter.yenc.YencDecoderOptions;
import io.usync.segmenter.yenc.YencExpectation;
import io.usync.segmenter.yenc.YencResult;

/**
 * The common first step of every article: stream the body through the yEnc decoder into one
 * pooled buffer of bounded capacity, then check the part's CRC and sizes. Subclasses turn the
 * decoded part into a {@link DecodeVerdict}.
 */
public abstract class YencArticleDecoder implements ArticleDecoder {

    private final ByteBufAllocator allocator;
    private final int capacity;
    private final YencExpectation expectation;
    private final boolean heap;
    private ByteBuf decoded;
    private YencDecoder decoder;
    private boolean released;

    /**
     * Prepares a decode buffer of {@code capacity} bytes, allocated when the body starts (on the heap
     * when {@code heap}; the JDK's AES-GCM is faster there, but pooled heap buffers grew peak RSS past
     * 1 GB in a first trial) and a decoder checking {@code expectation}.
     */
    protected YencArticleDecoder(ByteBufAllocator allocator, int capacity, YencExpectation expectation,
            boolean heap) {
        this.allocator = allocator;
        this.capacity = capacity;
        this.expectation = expectation;
        this.heap = heap;
    }

    /**
     * The decoder, with its buffer allocated on the first chunk: an attempt that ends without a
     * body (430, 423, 451 or a lost connection) never allocates, so it cannot leak a buffer.
     */
    private YencDecoder decoder() {
        if (decoder == null) {
            decoded = heap ? allocator.heapBuffer(capacity, capacity) : allocator.directBuffer(capacity, capacity);
            decoder = new YencDecoder(YencDecoderOptions.defaults(), expectation, decoded.nioBuffer(0, capacity));
        }
        return decoder;
    }

    @Override
    public final void onContent(ByteBuf chunk) {
        if (!released) {
            decoder().feed(chunk.duplicate());
        }
    }

    @Override
    public final DecodeVerdict onComplete() {
        if (decoder == null || released) {
            abandon();
            return new DecodeVerdict.Bad("article has no body");
        }
        try {
            YencResult result = decoder.finish();
            return switch (result) {
                case YencResult.Decoded d -> {
                    decoded.writerIndex((int) d.size());
                    yield verdict(d, decoded);
                }
                case YencResult.CrcMismatch c -> new DecodeVerdict.Bad(String.format(
                        "CRC mismatch (expected %08x, got %08x)", c.expected(), c.actual()));
                case YencResult.Incomplete i -> new DecodeVerdict.Bad("truncated article: " + i.reason());
                case YencResult.Invalid i -> new DecodeVerdict.Bad("invalid yEnc: " + i.reason());
                case YencResult.NotYenc n -> new DecodeVerdict.Bad("article holds no yEnc data");
            };
        } catch (RuntimeException e) {
            return new DecodeVerdict.Bad("cannot decode: " + e.getMessage());
        } finally {
            abandon();
        }
    }

    /**
     * Turns a CRC-checked part into a verdict; {@code data} holds the decoded bytes and is
     * released once after this returns, so a good verdict that keeps it must retain it.
     */
    protected abstract DecodeVerdict verdict(YencResult.Decoded part, ByteBuf data);

    @Override
    public final void abandon() {
        if (!released) {
            released = true;
            if (decoded != null) {
                decoded.release();
            }
        }
    }
}
