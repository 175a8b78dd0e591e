package io.usync.core.nzb;

/**
 * One {@code <segment>} of an NZB file: its 1-based part number, the byte count the poster
 * declared (a hint only) and the Message-ID without angle brackets.
 */
public record NzbSegment(int number, long bytes, String messageId) {

    /** Validates the number, size and id (no brackets, no whitespace or control characters). */
    public NzbSegment {
        if (number < 1) {
            throw new IllegalArgumentException("segment number must be at least 1, was " + number);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("segment bytes must not be negative");
        }
        if (messageId == null || messageId.isEmpty() || messageId.length() > 248) {
            throw new IllegalArgumentException("segment message id must be 1..248 characters");
        }
        for (int i = 0; i < messageId.length(); i++) {
            char c = messageId.charAt(i);
            if (c <= 32 || c == 127 || c == '<' || c == '>') {
                throw new IllegalArgumentException("segment message id has a forbidden character at " + (i + 1));
            }
        }
    }
}
