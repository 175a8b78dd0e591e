package io.usync.download.fetch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.usync.segmenter.yenc.YencExpectation;
import io.usync.segmenter.yenc.YencResult;
import java.util.Optional;

/**
 * Decodes a plain yEnc part (an NZB segment or an unencrypted article): its bytes go where its
 * {@code =ypart} line says, which must lie inside the {@code size} of its {@code =ybegin} line.
 */
public final class PlainArticleDecoder extends YencArticleDecoder {

    /** Creates a decoder whose decoded part may hold at most {@code capacity} bytes. */
    public PlainArticleDecoder(ByteBufAllocator allocator, int capacity, YencExpectation expectation) {
        super(allocator, capacity, expectation, false);
    }

    /** Keeps the decoded buffer (retained) as the segment's data. */
    @Override
    protected DecodeVerdict verdict(YencResult.Decoded part, ByteBuf data) {
        long offset = part.begin() - 1;
        if (part.size() > 0 && (offset < 0 || part.end() > part.fileSize())) {
            return new DecodeVerdict.Bad("part " + part.begin() + ".." + part.end() + " lies outside a file of "
                    + part.fileSize() + " bytes");
        }
        ByteBuf kept = data.retain();
        Optional<String> name = part.name() == null || part.name().isBlank() ? Optional.empty() : Optional.of(part.name());
        return new DecodeVerdict.Good(new DecodedSegment(kept, Math.max(0, offset), part.fileSize(), name,
                part.crc32(), part.fileCrc32()));
    }
}
