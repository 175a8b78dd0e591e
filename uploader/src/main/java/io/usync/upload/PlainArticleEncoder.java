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
 * whole-file CRC-32 (combined from the part CRCs) on the last part.
 */
final class PlainArticleEncoder implements ArticleEncoder {

    private final ShareContext share;
    private final ArticleBuilder builder;
    private final SegmentIds ids;
    private final String from;
    private final int fileTotal;
    private int fileCrc;
    private long crcBytes;

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
    public EncodedArticle encode(PlannedBlob blob, Segment segment, ByteBuffer data, int attempt) {
        PlannedBlob.WholeFile file = (PlannedBlob.WholeFile) blob.content();
        String name = file.displayName();
        YencPart part = YencPart.of(name, segment.index() + 1, segment.count(), blob.meta().size(),
                segment.range().offset(), segment.range().length());
        if (segment.last()) {
            int crc = partCrc(data);
            part = part.withFileCrc32(combine(segment, crc));
        }
        MessageId id = messageId(blob, segment.index(), attempt);
        String subject = "[" + file.number() + "/" + fileTotal + "] - \"" + name + "\" yEnc (" + (segment.index() + 1)
                + "/" + segment.count() + ") " + blob.meta().size();
        ArticleHeaders headers = new ArticleHeaders(from, share.newsgroups(), subject, id);
        ArticleBuilder.BuiltArticle built = builder.build(headers, part, data);
        if (!segment.last()) {
            combine(segment, built.partCrc32());
        }
        return new EncodedArticle(id, built.article(), built.partCrc32());
    }

    @Override
    public void skip(PlannedBlob blob, Segment segment, ByteBuffer data) {
        combine(segment, partCrc(data));
    }

    private int combine(Segment segment, int partCrc) {
        if (segment.index() == 0) {
            fileCrc = 0;
            crcBytes = 0;
        }
        fileCrc = crcBytes == 0 ? partCrc : Crc32s.combine(fileCrc, partCrc, segment.range().length());
        crcBytes += segment.range().length();
        return fileCrc;
    }

    private static int partCrc(ByteBuffer data) {
        CRC32 crc = new CRC32();
        crc.update(data.duplicate());
        return (int) crc.getValue();
    }
}
