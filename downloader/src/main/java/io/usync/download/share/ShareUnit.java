package io.usync.download.share;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.usync.core.MessageId;
import io.usync.core.crypto.SegmentSealer;
import io.usync.download.fetch.ArticleDecoder;
import io.usync.download.fetch.DecodedSegment;
import io.usync.download.fetch.FetchUnit;
import io.usync.download.output.OutputTarget;
import io.usync.download.output.SegmentKeeper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One sealed segment of a share's blob and the files its plaintext feeds: the whole-file target
 * (at the segment's offset) or the packed files whose ranges overlap it.
 */
final class ShareUnit implements FetchUnit {

    /** Where part of a segment's plaintext goes: {@code length} bytes from {@code blobOffset} of the blob. */
    record Slice(OutputTarget target, long blobOffset, long targetOffset, int length) {
    }

    private final MessageId messageId;
    private final int stateKey;
    private final int segmentIndex;
    private final SealedSegmentSpec spec;
    private final ShareCrypto crypto;
    private final PayloadInflater inflater;
    private final List<Slice> slices;
    private final List<OutputTarget> targets;

    ShareUnit(MessageId messageId, int stateKey, SealedSegmentSpec spec, ShareCrypto crypto,
            PayloadInflater inflater, List<Slice> slices) {
        this.messageId = messageId;
        this.stateKey = stateKey;
        this.segmentIndex = spec.aad().segmentIndex();
        this.spec = spec;
        this.crypto = crypto;
        this.inflater = inflater;
        this.slices = List.copyOf(slices);
        this.targets = slices.stream().map(Slice::target).distinct().toList();
    }

    @Override
    public MessageId messageId() {
        return messageId;
    }

    @Override
    public int stateKey() {
        return stateKey;
    }

    @Override
    public int segmentIndex() {
        return segmentIndex;
    }

    /** The sealed copy (opened in place) and, for a compressed segment, its plaintext. */
    @Override
    public int bufferBytes() {
        return SegmentSealer.sealedSize(spec.plainLength() + 1) + spec.plainLength() + 1;
    }

    @Override
    public ArticleDecoder newDecoder(ByteBufAllocator allocator) {
        return new SealedSegmentDecoder(allocator, crypto, inflater, spec);
    }

    @Override
    public List<OutputTarget> targets() {
        return targets;
    }

    @Override
    public Optional<String> place(DecodedSegment segment, SegmentKeeper keeper) throws IOException {
        ByteBuf data = segment.data();
        for (Slice slice : slices) {
            int from = data.readerIndex() + (int) (slice.blobOffset() - spec.offset());
            Optional<String> misfit = slice.target().write(data.nioBuffer(from, slice.length()), slice.targetOffset(),
                    slice.target().size(), keeper);
            if (misfit.isPresent()) {
                return misfit;
            }
        }
        return Optional.empty();
    }
}
