package io.usync.segmenter.yenc;

import io.usync.core.ByteRange;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What the caller knows about an article before decoding it (part number, file range, file size), checked by the decoder. */
public record YencExpectation(OptionalInt part, Optional<ByteRange> range, OptionalLong fileSize) {

    /** Validates that no field is null. */
    public YencExpectation {
        if (part == null || range == null || fileSize == null) {
            throw new IllegalArgumentException("use empty optionals, not null");
        }
    }

    /** Nothing expected: accept whatever the headers say (still checked for consistency). */
    public static YencExpectation none() {
        return new YencExpectation(OptionalInt.empty(), Optional.empty(), OptionalLong.empty());
    }

    /** Expect part {@code part} covering {@code range} of a file of {@code fileSize} bytes. */
    public static YencExpectation of(int part, ByteRange range, long fileSize) {
        return new YencExpectation(OptionalInt.of(part), Optional.of(range), OptionalLong.of(fileSize));
    }
}
