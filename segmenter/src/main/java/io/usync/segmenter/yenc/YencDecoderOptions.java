package io.usync.segmenter.yenc;

/**
 * Options of {@link YencDecoder}: the longest keyword line kept ({@code =ybegin} with its name),
 * and whether lines starting with {@code ..} still need un-stuffing (the NNTP layer normally did it).
 */
public record YencDecoderOptions(int maxKeywordLineLength, boolean unstuffDots) {

    /** Validates the line bound. */
    public YencDecoderOptions {
        if (maxKeywordLineLength < 64 || maxKeywordLineLength > 65536) {
            throw new IllegalArgumentException("maxKeywordLineLength must be 64..65536, was " + maxKeywordLineLength);
        }
    }

    /** 2 KiB keyword lines; the input is already dot-unstuffed. */
    public static YencDecoderOptions defaults() {
        return new YencDecoderOptions(2048, false);
    }
}
