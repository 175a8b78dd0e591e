package io.usync.segmenter;

import io.usync.core.BlobKind;
import io.usync.core.ByteRange;
import io.usync.core.Segment;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Cuts a blob into consecutive segments of {@code articleSize} bytes (the last one shorter): a
 * pure function. A 0-byte blob has zero segments (an empty file is recorded in the manifest with
 * no blob and posts nothing), matching core's {@code FileLocation.Empty}.
 */
public final class SegmentPlanner {

    private SegmentPlanner() {
    }

    /** The segments of blob {@code blobIndex} of {@code blobSize} bytes, computed on access (a 50 GB file needs no 70,000 objects up front). */
    public static List<Segment> plan(BlobKind kind, int blobIndex, long blobSize, int articleSize) {
        if (kind == null || blobIndex < 0 || blobSize < 0 || articleSize <= 0) {
            throw new IllegalArgumentException("bad plan request: " + kind + " blob " + blobIndex
                    + " of " + blobSize + " bytes in articles of " + articleSize);
        }
        long count = segmentCount(blobSize, articleSize);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("blob of " + blobSize + " bytes needs more than 2^31 segments;"
                    + " use a larger article size");
        }
        return new Plan(kind, blobIndex, blobSize, articleSize, (int) count);
    }

    /** How many segments a blob of {@code blobSize} bytes has: ceil(size / articleSize), 0 for an empty blob. */
    public static long segmentCount(long blobSize, int articleSize) {
        return blobSize / articleSize + (blobSize % articleSize == 0 ? 0 : 1);
    }

    private static final class Plan extends AbstractList<Segment> implements RandomAccess {
        private final BlobKind kind;
        private final int blobIndex;
        private final long blobSize;
        private final int articleSize;
        private final int count;

        Plan(BlobKind kind, int blobIndex, long blobSize, int articleSize, int count) {
            this.kind = kind;
            this.blobIndex = blobIndex;
            this.blobSize = blobSize;
            this.articleSize = articleSize;
            this.count = count;
        }

        @Override
        public Segment get(int index) {
            if (index < 0 || index >= count) {
                throw new IndexOutOfBoundsException(index);
            }
            long offset = (long) index * articleSize;
            long length = Math.min(articleSize, blobSize - offset);
            return new Segment(kind, blobIndex, index, count, new ByteRange(offset, length));
        }

        @Override
        public int size() {
            return count;
        }
    }
}
