package io.usync.segmenter.pack;

import java.util.Arrays;
import java.util.HexFormat;

/** One row of a pack's table: member path, offset and length in the pack, and the SHA-256 of its bytes. */
public record PackEntry(String path, long offset, long length, byte[] sha256) {

    /** Validates the fields and copies the hash. */
    public PackEntry {
        if (path == null || path.isEmpty() || offset < 0 || length < 0 || sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("bad pack entry " + path);
        }
        sha256 = sha256.clone();
    }

    /** A copy of the member's SHA-256. */
    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackEntry e && e.path.equals(path) && e.offset == offset && e.length == length
                && Arrays.equals(e.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return "PackEntry[" + path + "@" + offset + "+" + length + " sha256=" + HexFormat.of().formatHex(sha256) + "]";
    }
}
