package io.usync.core.manifest;

/**
 * Bounds applied while decoding a manifest from the wire, so a hostile manifest cannot make the
 * reader allocate without limit.
 */
public record ManifestLimits(int maxFiles, int maxFolders, int maxBlobs, int maxAttempts, int maxStringBytes) {

    /** Validates that every bound is positive. */
    public ManifestLimits {
        if (maxFiles <= 0 || maxFolders <= 0 || maxBlobs <= 0 || maxAttempts <= 0 || maxStringBytes <= 0) {
            throw new IllegalArgumentException("manifest limits must be positive");
        }
    }

    /** Fifty million files and folders, 4 KiB paths: generous for real trees, bounded for hostile ones. */
    public static ManifestLimits defaults() {
        return new ManifestLimits(50_000_000, 50_000_000, 50_000_000, 10_000_000, 4096);
    }
}
