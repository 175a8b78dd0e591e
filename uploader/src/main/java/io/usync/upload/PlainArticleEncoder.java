package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.Segment;
import io.usync.segmenter.yenc.Crc32s;
import io.usync.segmenter.yenc.YencPart;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Plain-mode articles: standard multipart yEnc with the file's real name, the conventional
 * subject {@code [i/n] - "name" yEnc (p/P) size}, the profile's From, derived Message-IDs, and the
 * whole-file CRC-32 on the last part (combined from the CRCs of the parts before it and its own).
 * Thread-safe.
 */
final class PlainArticleEncoder implements ArticleEncoder {

    private final ShareContext share;
    private final ArticleBuilder builder;
    private final SegmentIds ids;
    private final String from;
    private final int fileTotal;

    /** Creates an encoder posting with {@code from} for an upload of {@code fileTotal} files. */
    PlainArticleEncoder(ShareContext share, ArticleBuilder builder, String from, int fileTotal) {
        this.share = share;
        this.builder = builder;
        this.ids = new SegmentIds(share);
        this.from = from;
        this.fileTotal = fileTotal;
    }

    @Override
    public MessageId messageId(PlannedBlob blob, int segmentIndex, int attempt) {
        return ids.segment(blob.meta(), segmentIndex, attempt);
    }

    @Override
    public boolean needsFileCrc() {
        return true;
    }

    @Override
    public EncodedArticle encode(PlannedBlob blob, Segment segment, ByteBuffer data, int attempt, FileCrc fileCrc)
            throws InterruptedException {
        PlannedBlob.WholeFile file = (PlannedBlob.WholeFile) blob.content();
        String name = file.displayName();
        YencPart part = YencPart.of(name, segment.index() + 1, segment.count(), blob.meta().size(),
                segment.range().offset(), segment.range().length());
        if (segment.last()) {
            CRC32 own = new CRC32();
            own.update(data.duplicate());
            part = part.withFileCrc32(Crc32s.combine(fileCrc.before(segment.index()), (int) own.getValue(),
                    segment.range().length()));
        }
        MessageId id = messageId(blob, segment.index(), attempt);
        String subject = "[" + file.number() + "/" + fileTotal + "] - \"" + name + "\" yEnc (" + (segment.index() + 1)
                + "/" + segment.count() + ") " + blob.meta().size();
        ArticleHeaders headers = new ArticleHeaders(from, share.newsgroups(), subject, id);
        ArticleBuilder.BuiltArticle built = builder.build(headers, part, data);
        return new EncodedArticle(id, built.article(), built.partCrc32());
    }
}
