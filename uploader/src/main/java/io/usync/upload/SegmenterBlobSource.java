package io.usync.upload;

import io.usync.segmenter.read.BlobReader;
import io.usync.segmenter.read.MappedSegmentReader;
import io.usync.segmenter.read.PackSegmentReader;
import io.usync.segmenter.read.ReadStep;
import io.usync.segmenter.read.ReaderOptions;
import io.usync.segmenter.read.SegmentBufferPool;
import io.usync.segmenter.read.SegmentSlice;
import io.usync.segmenter.pack.PackEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads blobs with the segmenter's readers: whole files through memory-mapped windows, packs
 * through pooled buffers; the visitor releases each slice when it is done with it (a slice
 * released more than once is released once), so slices may be encoded on other threads.
 */
final class SegmenterBlobSource implements BlobSource {

    private final long windowBytes;
    private final SegmentBufferPool pool;
    private final int pooledBuffers;

    /** Creates a source mapping {@code windowBytes} at a time and pooling pack buffers of {@code segmentSize}. */
    SegmenterBlobSource(long windowBytes, int segmentSize, int pooledBuffers) {
        this.windowBytes = windowBytes;
        this.pooledBuffers = pooledBuffers;
        this.pool = new SegmentBufferPool(segmentSize, pooledBuffers);
    }

    @Override
    public BlobDigest read(PlannedBlob blob, SliceVisitor visitor) throws IOException {
        ReaderOptions options = new ReaderOptions(blob.meta().segmentSize(), windowBytes, pooledBuffers);
        try (BlobReader reader = open(blob, options)) {
            while (true) {
                ReadStep step = reader.next();
                switch (step) {
                    case ReadStep.Next next -> {
                        SegmentSlice slice = next.slice();
                        try {
                            visitor.visit(slice.segment(), slice.data(), slice::close);
                        } catch (IOException | RuntimeException e) {
                            slice.close();
                            throw e;
                        }
                    }
                    case ReadStep.Done done -> {
                        List<byte[]> members = new ArrayList<>(done.members().size());
                        for (PackEntry entry : done.members()) {
                            members.add(entry.sha256());
                        }
                        return new BlobDigest(done.sha256(), members);
                    }
                    case ReadStep.Changed changed -> throw new SourceChangedException(changed.path(), changed.reason());
                }
            }
        }
    }

    private BlobReader open(PlannedBlob blob, ReaderOptions options) {
        return switch (blob.content()) {
            case PlannedBlob.WholeFile file -> new MappedSegmentReader(file.root(), file.file(), blob.meta().index(),
                    options);
            case PlannedBlob.Pack pack -> new PackSegmentReader(pack.root(), pack.layout(), pack.files(), options, pool);
        };
    }
}
