package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.Segment;
import io.usync.core.crypto.SegmentAad;
import io.usync.core.crypto.SegmentSealer;
import io.usync.segmenter.yenc.YencPart;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Share-mode articles: the segment becomes {@code flag | payload}, is sealed with AES-256-GCM
 * (AAD binds locator, blob, segment and last flag) and travels as a single-part yEnc article with
 * obfuscated Subject, From and yEnc name and a derived Message-ID (docs/share-format.md).
 */
final class SealedArticleEncoder implements ArticleEncoder {

    /** Bytes a sealed segment adds to its data: the flag byte and the AES-GCM nonce and tag. */
    static final int OVERHEAD = 1 + io.usync.core.crypto.AesGcm.OVERHEAD;
    static final byte FLAG_RAW = 0;

    private final ShareContext share;
    private final ArticleBuilder builder;
    private final SegmentIds ids;
    private final SegmentSealer sealer;
    private final HeaderObfuscator obfuscator;
    private final ByteBuffer plain;
    private final ByteBuffer sealed;

    /** Creates an encoder for segments of at most {@code maxSegmentSize} bytes. */
    SealedArticleEncoder(ShareContext share, ArticleBuilder builder, int maxSegmentSize, SecureRandom random) {
        this.share = share;
        this.builder = builder;
        this.ids = new SegmentIds(share);
        this.sealer = new SegmentSealer(share.keys(), random);
        this.obfuscator = new HeaderObfuscator(share.keys().subject());
        this.plain = ByteBuffer.allocateDirect(maxSegmentSize + 1);
        this.sealed = ByteBuffer.allocateDirect(SegmentSealer.sealedSize(maxSegmentSize + 1));
    }

    @Override
    public MessageId messageId(PlannedBlob blob, int segmentIndex, int attempt) {
        return ids.segment(blob.meta(), segmentIndex, attempt);
    }

    @Override
    public EncodedArticle encode(PlannedBlob blob, Segment segment, ByteBuffer data, int attempt) {
        plain.clear();
        plain.put(FLAG_RAW).put(data.duplicate()).flip();
        sealed.clear();
        sealer.seal(SegmentAad.of(share.locator(), segment), plain, sealed);
        sealed.flip();
        MessageId id = messageId(blob, segment.index(), attempt);
        return encodeSealed(id, sealed);
    }

    /** Builds the obfuscated single-part article carrying already sealed bytes (segments and manifest parts). */
    EncodedArticle encodeSealed(MessageId id, ByteBuffer sealedBytes) {
        HeaderObfuscator.ObfuscatedNames names = obfuscator.names(id);
        int length = sealedBytes.remaining();
        YencPart part = YencPart.of(names.yencName(), 1, 1, length, 0, length);
        ArticleHeaders headers = new ArticleHeaders(names.from(), share.newsgroups(), names.subject(), id);
        ArticleBuilder.BuiltArticle built = builder.build(headers, part, sealedBytes);
        return new EncodedArticle(id, built.article(), built.partCrc32());
    }
}
