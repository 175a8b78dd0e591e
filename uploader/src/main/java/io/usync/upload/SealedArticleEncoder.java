package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.Segment;
import io.usync.core.crypto.SegmentAad;
import io.usync.core.crypto.SegmentSealer;
import io.usync.segmenter.yenc.YencPart;
import java.nio.ByteBuffer;
import io.usync.core.manifest.BlobKey;
import io.usync.segmenter.compress.Compression;
import io.usync.segmenter.compress.SegmentCompressor;
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
    private final Optional<SegmentCompressor> compressor;
    private BlobKey probed;
    private boolean compressBlob;

    /**
     * Creates an encoder for segments of at most {@code maxSegmentSize} bytes; with a compressor,
     * each blob's first segment encoded here decides whether the blob's segments are compressed
     * (incompressible data costs one trial, not one per segment).
     */
    SealedArticleEncoder(ShareContext share, ArticleBuilder builder, int maxSegmentSize,
            Optional<SegmentCompressor> compressor) {
        this.share = share;
        this.builder = builder;
        this.ids = new SegmentIds(share);
        this.sealer = new SegmentSealer(share.keys(), new SecureRandom());
        this.compressor = compressor;
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
        if (!compress(blob, data)) {
            plain.put(FLAG_RAW).put(data.duplicate());
        }
        plain.flip();
        sealed.clear();
        sealer.seal(SegmentAad.of(share.locator(), segment), plain, sealed);
        sealed.flip();
        MessageId id = messageId(blob, segment.index(), attempt);
        return encodeSealed(id, sealed);
    }

    /** Puts {@code FLAG_ZSTD | frame} into the plaintext buffer when compression pays off for this blob. */
    private boolean compress(PlannedBlob blob, ByteBuffer data) {
        if (compressor.isEmpty()) {
            return false;
        }
        boolean first = !blob.meta().key().equals(probed);
        if (!first && !compressBlob) {
            return false;
        }
        Compression result = compressor.get().compress(data.duplicate());
        if (first) {
            probed = blob.meta().key();
            compressBlob = result instanceof Compression.Compressed;
        }
        if (result instanceof Compression.Compressed compressed && compressed.frame().remaining() < data.remaining()) {
            plain.put(FLAG_ZSTD).put(compressed.frame().duplicate());
            return true;
        }
        return false;
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
