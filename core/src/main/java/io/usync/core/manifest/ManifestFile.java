package io.usync.core.manifest;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One file of a share version: its relative '/'-separated path, size, modification time,
 * SHA-256 of its content and where its bytes are stored.
 */
public record ManifestFile(String path, long size, long mtimeMillis, byte[] sha256, FileLocation location) {

    /** Validates the path, size, hash length and that an empty location goes with size zero. */
    public ManifestFile {
        ManifestPaths.requireRelative(path);
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + path);
        }
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("SHA-256 must be 32 bytes for " + path);
        }
        if (location == null) {
            throw new IllegalArgumentException("location is required for " + path);
        }
        if ((size == 0) != (location instanceof FileLocation.Empty)) {
            throw new IllegalArgumentException("a file is empty exactly when it has no blob: " + path);
        }
        sha256 = sha256.clone();
    }

    /** A copy of the SHA-256 of the file's content. */
    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestFile f && f.path.equals(path) && f.size == size
                && f.mtimeMillis == mtimeMillis && Arrays.equals(f.sha256, sha256) && f.location.equals(location);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "ManifestFile[" + path + ", " + size + " bytes, sha256=" + HexFormat.of().formatHex(sha256)
                + ", " + location + "]";
    }
}
