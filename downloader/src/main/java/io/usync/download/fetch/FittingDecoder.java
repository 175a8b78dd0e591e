package io.usync.download.fetch;

import io.netty.buffer.ByteBuf;
import io.usync.download.output.OutputTarget;
import java.util.Optional;

/**
 * Checks a good copy's placement against the file it feeds before taking it: a part that claims
 * another file size than the file's known one, or a place outside it, is a bad copy, so the next
 * read server is asked for the article. (A part that settles the size first is checked again
 * when written.)
 */
public final class FittingDecoder implements ArticleDecoder {

    private final ArticleDecoder decoder;
    private final OutputTarget target;

    /** Wraps {@code decoder}, whose segments feed {@code target}. */
    public FittingDecoder(ArticleDecoder decoder, OutputTarget target) {
        this.decoder = decoder;
        this.target = target;
    }

    @Override
    public void onContent(ByteBuf chunk) {
        decoder.onContent(chunk);
    }

    @Override
    public DecodeVerdict onComplete() {
        DecodeVerdict verdict = decoder.onComplete();
        if (verdict instanceof DecodeVerdict.Good good) {
            DecodedSegment segment = good.segment();
            Optional<String> misfit = target.misfit(segment.offset(), segment.data().readableBytes(),
                    segment.fileSize());
            if (misfit.isPresent()) {
                segment.release();
                return new DecodeVerdict.Bad(misfit.get());
            }
        }
        return verdict;
    }

    @Override
    public void abandon() {
        decoder.abandon();
    }
}
