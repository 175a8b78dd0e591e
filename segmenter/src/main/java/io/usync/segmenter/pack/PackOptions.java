package io.usync.segmenter.pack;

/**
 * Options of {@link SmallFilePacker}: files smaller than {@code smallFileThreshold} bytes are
 * packed; a pack's member data stays under {@code maxPackBytes}; at most {@code maxMembers} per pack.
 */
public record PackOptions(long smallFileThreshold, long maxPackBytes, int maxMembers) {

    /** Validates that a small file always fits a pack. */
    public PackOptions {
        if (smallFileThreshold < 0 || maxPackBytes < smallFileThreshold || maxPackBytes <= 0 || maxMembers < 1) {
            throw new IllegalArgumentException("need 0 <= smallFileThreshold <= maxPackBytes and maxMembers >= 1");
        }
    }

    /** Files under 256 KiB go into packs of up to 32 MiB and 20,000 members. */
    public static PackOptions defaults() {
        return new PackOptions(256 * 1024, 32L * 1024 * 1024, 20_000);
    }
}
