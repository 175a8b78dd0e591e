package io.usync.download.nzb;

import io.netty.buffer.ByteBufAllocator;
import io.usync.core.MessageId;
import io.usync.download.fetch.ArticleDecoder;
import io.usync.download.fetch.DecodedSegment;
import io.usync.download.fetch.FetchUnit;
import io.usync.download.fetch.FittingDecoder;
import io.usync.download.fetch.PlainArticleDecoder;
import io.usync.download.output.OutputTarget;
import io.usync.download.output.SegmentKeeper;
import io.usync.segmenter.yenc.YencExpectation;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One NZB segment: a plain yEnc part written where its {@code =ypart} line places it; a copy whose
 * placement does not fit its file as known so far is refused like a corrupt one (next server).
 */
final class NzbUnit implements FetchUnit {

    private final String messageId;
    private final OutputTarget target;
    private final int segmentIndex;
    private final int capacity;

    NzbUnit(String messageId, OutputTarget target, int segmentIndex, int capacity) {
        this.messageId = messageId;
        this.target = target;
        this.segmentIndex = segmentIndex;
        this.capacity = capacity;
    }

    /** The segment's Message-ID; throws for an id that is not valid (the engine then counts it missing). */
    @Override
    public MessageId messageId() {
        return MessageId.parse(messageId);
    }

    @Override
    public int stateKey() {
        return target.id();
    }

    @Override
    public int segmentIndex() {
        return segmentIndex;
    }

    @Override
    public int bufferBytes() {
        return capacity;
    }

    @Override
    public ArticleDecoder newDecoder(ByteBufAllocator allocator) {
        return new FittingDecoder(new PlainArticleDecoder(allocator, capacity, YencExpectation.none()), target);
    }

    @Override
    public List<OutputTarget> targets() {
        return List.of(target);
    }

    @Override
    public Optional<String> place(DecodedSegment segment, SegmentKeeper keeper) throws IOException {
        int length = segment.data().readableBytes();
        Optional<String> misfit = target.write(segment.data().nioBuffer(), segment.offset(), segment.fileSize(), keeper);
        if (misfit.isEmpty()) {
            target.partChecked(segment.offset(), length, segment.crc32(), segment.fileCrc32());
        }
        return misfit;
    }
}
