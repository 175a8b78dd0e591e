package io.usync.segmenter.compress;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

import java.nio.ByteBuffer;
import java.util.Optional;

/** Compresses segments with zstd when that saves enough, and decompresses frames within declared-size bounds. Thread-safe. */
public final class SegmentCompressor {

    private final CompressorOptions options;

    /** Creates a compressor with the given level and bounds. */
    public SegmentCompressor(CompressorOptions options) {
        this.options = options;
    }

    /** Compresses the bytes between position and limit (left unchanged); {@link Compression.Stored} when the saving is too small. */
    public Compression compress(ByteBuffer data) {
        byte[] input = bytes(data);
        if (input.length == 0) {
            return new Compression.Stored();
        }
        byte[] frame = Zstd.compress(input, options.level());
        if (frame.length > input.length * (1 - options.minSaving())) {
            return new Compression.Stored();
        }
        return new Compression.Compressed(ByteBuffer.wrap(frame));
    }

    /** Decompresses one frame, refusing it before allocating if it declares no content size or sizes over the bounds. */
    public Decompression decompress(ByteBuffer frame) {
        Optional<ZstdFrameHeader> header = ZstdFrameHeader.parse(frame);
        if (header.isEmpty()) {
            return new Decompression.Refused("not a zstd frame");
        }
        if (header.get().contentSize().isEmpty()) {
            return new Decompression.Refused("zstd frame declares no content size");
        }
        long content = header.get().contentSize().getAsLong();
        if (content < 0 || content > options.maxContentBytes()) {
            return new Decompression.Refused("zstd frame declares " + Long.toUnsignedString(content)
                    + " bytes, more than the limit of " + options.maxContentBytes());
        }
        if (header.get().windowSize() > Math.max(options.maxWindowBytes(), content)) {
            return new Decompression.Refused("zstd frame window of " + header.get().windowSize() + " bytes is over the limit");
        }
        byte[] input = bytes(frame);
        try {
            byte[] out = new byte[(int) content];
            long n = Zstd.decompressByteArray(out, 0, out.length, input, 0, input.length);
            if (n != content) {
                return new Decompression.Refused("zstd frame produced " + n + " bytes, declared " + content);
            }
            return new Decompression.Decompressed(ByteBuffer.wrap(out));
        } catch (ZstdException e) {
            return new Decompression.Refused("corrupt zstd frame: " + e.getMessage());
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
