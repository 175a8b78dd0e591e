package io.usync.core.path;

/** Bounds of {@link SafePaths}: longest component and longest relative path, in UTF-8 bytes. */
public record SafePathOptions(int maxComponentBytes, int maxPathBytes) {

    /** Validates the bounds. */
    public SafePathOptions {
        if (maxComponentBytes < 1 || maxPathBytes < maxComponentBytes) {
            throw new IllegalArgumentException("bad path bounds");
        }
    }

    /** 255 bytes per component and 4096 per path, the common file-system limits. */
    public static SafePathOptions defaults() {
        return new SafePathOptions(255, 4096);
    }
}
