package io.usync.download.fetch;

/** The verdict on one server's copy of an article: usable, or why not. */
public sealed interface DecodeVerdict {

    /** The article decoded, checked and opened: {@code segment} is ready to be written. */
    record Good(DecodedSegment segment) implements DecodeVerdict {
    }

    /** The copy is unusable (CRC, authentication, size or yEnc error); try another server. */
    record Bad(String reason) implements DecodeVerdict {
    }
}
