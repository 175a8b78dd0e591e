package io.usync.upload;

import io.usync.core.manifest.BlobKey;
import io.usync.segmenter.compress.Compression;
import io.usync.segmenter.compress.SegmentCompressor;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a blob's segments are compressed, decided once per blob and shared by every encoder
 * thread: the first segment tried decides (incompressible data costs one trial per blob, not one
 * per segment, however the blob's segments are spread over the threads). Thread-safe.
 */
final class BlobCompression {

    private final Optional<SegmentCompressor> compressor;
    private final Map<BlobKey, Boolean> decided = new ConcurrentHashMap<>();

    /** Creates the choices for {@code compressor} (empty: nothing is compressed). */
    BlobCompression(Optional<SegmentCompressor> compressor) {
        this.compressor = compressor;
    }

    /** Compression switched off. */
    static BlobCompression none() {
        return new BlobCompression(Optional.empty());
    }

    /** The zstd frame of {@code data} (left unchanged) when it is smaller and the blob compresses, else empty. */
    Optional<ByteBuffer> compress(BlobKey blob, ByteBuffer data) {
        if (compressor.isEmpty() || Boolean.FALSE.equals(decided.get(blob))) {
            return Optional.empty();
        }
        Compression result = compressor.get().compress(data.duplicate());
        boolean compressed = result instanceof Compression.Compressed;
        decided.putIfAbsent(blob, compressed);
        if (result instanceof Compression.Compressed c && c.frame().remaining() < data.remaining()) {
            return Optional.of(c.frame().duplicate());
        }
        return Optional.empty();
    }
}
