package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.Segment;
import io.usync.core.crypto.SegmentAad;
import io.usync.core.crypto.SegmentSealer;
import io.usync.segmenter.yenc.YencPart;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Share-mode articles: the segment becomes {@code flag | payload}, is sealed with AES-256-GCM
 * (AAD binds locator, blob, segment and last flag) and travels as a single-part yEnc article with
 * obfuscated Subject, From and yEnc name and a derived Message-ID (docs/share-format.md).
 */
final class SealedArticleEncoder implements ArticleEncoder {

    /** Bytes a sealed segment adds to its data: the flag byte and the AES-GCM nonce and tag. */
    static final int OVERHEAD = 1 + io.usync.core.crypto.AesGcm.OVERHEAD;
    static final byte FLAG_RAW = 0;
    static final byte FLAG_ZSTD = 1;

    private final ShareContext share;
    private final ArticleBuilder builder;
    private final SegmentIds ids;
    private final SegmentSealer sealer;
    private final HeaderObfuscator obfuscator;
    private final ByteBuffer plain;
    private final ByteBuffer sealed;
    private final BlobCompression compression;

    /**
     * Creates an encoder for segments of at most {@code maxSegmentSize} bytes, compressing a
     * blob's segments when {@code compression} (shared by the encoders of an upload) says so.
     */
    SealedArticleEncoder(ShareContext share, ArticleBuilder builder, int maxSegmentSize, BlobCompression compression) {
        this.share = share;
        this.builder = builder;
        this.ids = new SegmentIds(share);
        this.sealer = new SegmentSealer(share.keys(), new SecureRandom());
        this.compression = compression;
        this.obfuscator = new HeaderObfuscator(share.keys().subject());
        // Heap buffers: AES-GCM works on their arrays in place (direct buffers cost it a copy in and
        // out, 0.6 against 0.4 CPU-s per GiB), and yEnc reads either kind as fast.
        this.plain = ByteBuffer.allocate(maxSegmentSize + 1);
        this.sealed = ByteBuffer.allocate(SegmentSealer.sealedSize(maxSegmentSize + 1));
    }

    @Override
    public MessageId messageId(PlannedBlob blob, int segmentIndex, int attempt) {
        return ids.segment(blob.meta(), segmentIndex, attempt);
    }

    @Override
    public EncodedArticle encode(PlannedBlob blob, Segment segment, ByteBuffer data, int attempt, FileCrc fileCrc) {
        plain.clear();
        Optional<ByteBuffer> frame = compression.compress(blob.meta().key(), data);
        if (frame.isPresent()) {
            plain.put(FLAG_ZSTD).put(frame.get());
        } else {
            plain.put(FLAG_RAW).put(data.duplicate());
        }
        plain.flip();
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
