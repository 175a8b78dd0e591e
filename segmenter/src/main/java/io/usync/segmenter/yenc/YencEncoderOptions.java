package io.usync.segmenter.yenc;

/** Options of {@link YencEncoder}: the line length in output characters (128 by convention). */
public record YencEncoderOptions(int lineLength) {

    /** Validates the line length (at least 16 so the SWAR path has room, at most 997 for NNTP lines). */
    public YencEncoderOptions {
        if (lineLength < 16 || lineLength > 997) {
            throw new IllegalArgumentException("yEnc line length must be 16..997, was " + lineLength);
        }
    }

    /** 128-character lines, the yEnc convention. */
    public static YencEncoderOptions defaults() {
        return new YencEncoderOptions(128);
    }
}
