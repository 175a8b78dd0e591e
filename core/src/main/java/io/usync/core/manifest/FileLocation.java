package io.usync.core.manifest;

/** Where a file's bytes live: nowhere (an empty file), a whole file blob, or a range of a pack blob. */
public sealed interface FileLocation {

    /** An empty file: no blob, no articles. */
    record Empty() implements FileLocation {
    }

    /** The file is the whole of file blob {@code blobIndex}. */
    record Whole(int blobIndex) implements FileLocation {
        /** Validates the index. */
        public Whole {
            if (blobIndex < 0) {
                throw new IllegalArgumentException("negative blob index " + blobIndex);
            }
        }
    }

    /** The file is {@code size} bytes of pack blob {@code packIndex} starting at {@code offset}. */
    record Packed(int packIndex, long offset) implements FileLocation {
        /** Validates the index and offset. */
        public Packed {
            if (packIndex < 0 || offset < 0) {
                throw new IllegalArgumentException("bad pack location " + packIndex + "@" + offset);
            }
        }
    }

    /** The shared empty location. */
    FileLocation EMPTY = new Empty();
}
