package io.usync.download.share;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.usync.core.crypto.AesGcm;
import io.usync.core.crypto.OpenResult;
import io.usync.core.crypto.SegmentAad;
import io.usync.core.crypto.SegmentSealer;
import io.usync.download.fetch.DecodeVerdict;
import io.usync.download.fetch.DecodedSegment;
import io.usync.download.fetch.YencArticleDecoder;
import io.usync.segmenter.yenc.YencExpectation;
import io.usync.segmenter.yenc.YencResult;
import java.util.Optional;

/**
 * Decodes one article of a share: a single-part yEnc article whose data is a sealed segment. It
 * is opened with the associated data of the segment it must be (share, blob, index, last flag),
 * so a swapped, reordered or truncated segment fails here and is fetched from another server;
 * the opened payload (raw or zstd) must be exactly the segment's length.
 */
public final class SealedSegmentDecoder extends YencArticleDecoder {

    /** The flag byte of an uncompressed payload. */
    public static final int FLAG_RAW = 0;
    /** The flag byte of a zstd payload. */
    public static final int FLAG_ZSTD = 1;

    private final ByteBufAllocator allocator;
    private final ShareCrypto crypto;
    private final PayloadInflater inflater;
    private final SegmentAad aad;
    private final int plainLength;
    private final long offset;
    private final long blobSize;

    /**
     * Creates a decoder for the segment {@code aad} names, whose plaintext is {@code plainLength}
     * bytes at {@code offset} of a blob of {@code blobSize} bytes.
     */
    public SealedSegmentDecoder(ByteBufAllocator allocator, ShareCrypto crypto, PayloadInflater inflater,
            SealedSegmentSpec spec) {
        super(allocator, SegmentSealer.sealedSize(spec.plainLength() + 1), YencExpectation.none(), false);
        this.allocator = allocator;
        this.crypto = crypto;
        this.inflater = inflater;
        this.aad = spec.aad();
        this.plainLength = spec.plainLength();
        this.offset = spec.offset();
        this.blobSize = spec.blobSize();
    }

    @Override
    protected DecodeVerdict verdict(YencResult.Decoded part, ByteBuf data) {
        if (part.begin() != 1 || part.size() != part.fileSize()) {
            return new DecodeVerdict.Bad("not a single-part article");
        }
        // Opened in place: the plaintext (flag byte, then payload) replaces the ciphertext after the nonce.
        int start = data.readerIndex() + AesGcm.NONCE_LENGTH;
        OpenResult result = crypto.sealer().openInPlace(aad, data.nioBuffer());
        if (result instanceof OpenResult.Rejected rejected) {
            return new DecodeVerdict.Bad("segment " + rejected.reason());
        }
        int length = ((OpenResult.Opened) result).length();
        if (length < 1) {
            return new DecodeVerdict.Bad("segment has no flag byte");
        }
        int flag = data.getByte(start);
        if (flag == FLAG_RAW) {
            if (length - 1 != plainLength) {
                return new DecodeVerdict.Bad("segment holds " + (length - 1) + " bytes, expected " + plainLength);
            }
            data.setIndex(start + 1, start + length);
            return good(data.retain());
        }
        if (flag != FLAG_ZSTD) {
            return new DecodeVerdict.Bad("segment has unknown payload flag " + flag);
        }
        ByteBuf plain = allocator.directBuffer(plainLength, plainLength);
        int inflated = inflater.inflate(data.nioBuffer(start + 1, length - 1), plain.nioBuffer(0, plainLength));
        if (inflated != plainLength) {
            plain.release();
            return new DecodeVerdict.Bad("segment decompresses to the wrong size");
        }
        plain.writerIndex(plainLength);
        return good(plain);
    }

    private DecodeVerdict good(ByteBuf plain) {
        return new DecodeVerdict.Good(new DecodedSegment(plain, offset, blobSize, Optional.empty(), 0,
                java.util.OptionalInt.empty()));
    }
}
