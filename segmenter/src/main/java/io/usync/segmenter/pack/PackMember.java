package io.usync.segmenter.pack;

/** One small file inside a pack: its index in the scanned file list, its path, and where its bytes sit in the pack. */
public record PackMember(int fileIndex, String path, long offset, long length) {

    /** Validates the fields. */
    public PackMember {
        if (fileIndex < 0 || path == null || path.isEmpty() || offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad pack member " + fileIndex + " " + path + "@" + offset + "+" + length);
        }
    }
}
