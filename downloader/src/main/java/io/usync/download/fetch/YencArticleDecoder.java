package io.usync.download.fetch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.usync.segmenter.yenc.YencDecoder;
import io.usync.segmenter.yenc.YencDecoderOptions;
import io.usync.segmenter.yenc.YencExpectation;
import io.usync.segmenter.yenc.YencHeaderLines;
import io.usync.segmenter.yenc.YencResult;
import java.nio.charset.StandardCharsets;

/**
 * The common first step of every article: stream the body through the yEnc decoder into one
 * pooled buffer of bounded capacity, then check the part's CRC and sizes. Subclasses turn the
 * decoded part into a {@link DecodeVerdict}.
 */
public abstract class YencArticleDecoder implements ArticleDecoder {

    /** The smallest decode buffer taken, whatever a header declares. */
    private static final int MIN_BUFFER = 4096;
    /** How far into the first chunk the {@code =ybegin} line is looked for. */
    private static final int HEADER_SCAN = 1024;

    private final ByteBufAllocator allocator;
    private final int capacity;
    private final YencExpectation expectation;
    private final boolean heap;
    private ByteBuf decoded;
    private YencDecoder decoder;
    private boolean released;

    /**
     * Prepares a decode buffer of at most {@code capacity} bytes (the {@code =ybegin} size when the
     * first chunk gives it), allocated when the body starts (on the heap
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
    private YencDecoder decoder(ByteBuf firstChunk) {
        if (decoder == null) {
            int size = (int) Math.min(capacity, Math.max(MIN_BUFFER, declaredSize(firstChunk)));
            decoded = heap ? allocator.heapBuffer(size, size) : allocator.directBuffer(size, size);
            decoder = new YencDecoder(YencDecoderOptions.defaults(), expectation, decoded.nioBuffer(0, size));
        }
        return decoder;
    }

    /**
     * The {@code size=} of the {@code =ybegin} line when the first chunk holds all of it, else
     * {@code Long.MAX_VALUE}: a small article (a manifest page, an NZB name probe) then takes a
     * buffer of its own size, not the cap. A header that understates its size only makes the part
     * fail its size check, as it would anyway. The line is read by the decoder's own parser.
     */
    static long declaredSize(ByteBuf chunk) {
        int from = chunk.readerIndex();
        int lineEnd = chunk.indexOf(from, Math.min(chunk.writerIndex(), from + HEADER_SCAN), (byte) '\n');
        if (lineEnd < 0) {
            return Long.MAX_VALUE;
        }
        int length = lineEnd > from && chunk.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 - from : lineEnd - from;
        return YencHeaderLines.beginSize(chunk.toString(from, length, StandardCharsets.UTF_8)).orElse(Long.MAX_VALUE);
    }

    @Override
    public final void onContent(ByteBuf chunk) {
        if (!released) {
            decoder(chunk).feed(chunk.duplicate());
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
