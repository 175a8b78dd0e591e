package io.usync.segmenter.yenc;

/**
 * Options of {@link YencDecoder}: the longest keyword line kept ({@code =ybegin} with its name),
 * whether lines starting with {@code ..} still need un-stuffing (the NNTP layer normally did it),
 * and whether the native kernel (libusync-yenc) may run when this JVM has it (false: the Java paths).
 */
public record YencDecoderOptions(int maxKeywordLineLength, boolean unstuffDots, boolean nativeKernel) {

    /** Validates the line bound. */
    public YencDecoderOptions {
        if (maxKeywordLineLength < 64 || maxKeywordLineLength > 65536) {
            throw new IllegalArgumentException("maxKeywordLineLength must be 64..65536, was " + maxKeywordLineLength);
        }
    }

    /** The given line bound and un-stuffing, with the native kernel when available. */
    public YencDecoderOptions(int maxKeywordLineLength, boolean unstuffDots) {
        this(maxKeywordLineLength, unstuffDots, true);
    }

    /** 2 KiB keyword lines; the input is already dot-unstuffed; the native kernel when available. */
    public static YencDecoderOptions defaults() {
        return new YencDecoderOptions(2048, false, true);
    }

    /** These options with the native kernel allowed or not. */
    public YencDecoderOptions withNativeKernel(boolean allowed) {
        return new YencDecoderOptions(maxKeywordLineLength, unstuffDots, allowed);
    }
}
