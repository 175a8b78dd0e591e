package io.usync.core;

/** What a segment is cut from: one whole file, or a pack of small files stored together. */
public enum BlobKind {
    /** A single file from the tree. */
    FILE,
    /** A pack blob holding many small files and their table. */
    PACK
}
