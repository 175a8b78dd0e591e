package io.usync.segmenter.yenc;

/**
 * Options of {@link YencEncoder}: the line length in output characters (128 by convention) and
 * whether the native body encoder (libusync-yenc) may run when it is available.
 */
public record YencEncoderOptions(int lineLength, boolean nativeKernel) {

    /** Validates the line length (at least 16 so the SWAR path has room, at most 997 for NNTP lines). */
    public YencEncoderOptions {
        if (lineLength < 16 || lineLength > 997) {
            throw new IllegalArgumentException("yEnc line length must be 16..997, was " + lineLength);
        }
    }

    /** The given line length, with the native body encoder when available. */
    public YencEncoderOptions(int lineLength) {
        this(lineLength, true);
    }

    /** These options with the native body encoder allowed ({@code true}) or kept off ({@code false}). */
    public YencEncoderOptions withNativeKernel(boolean allowed) {
        return new YencEncoderOptions(lineLength, allowed);
    }

    /** 128-character lines, the yEnc convention, with the native body encoder when available. */
    public static YencEncoderOptions defaults() {
        return new YencEncoderOptions(128);
    }
}
