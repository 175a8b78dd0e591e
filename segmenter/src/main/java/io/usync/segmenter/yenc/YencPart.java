package io.usync.segmenter.yenc;

import java.util.OptionalInt;

/**
 * What the {@code =ybegin}/{@code =ypart}/{@code =yend} lines of one part say: the file's name and
 * size, this part's number of {@code total}, the 0-based {@code offset} and {@code length} of its
 * bytes in the file, and the whole-file CRC-32 (given on the last part, computed by the caller
 * with {@link Crc32s#combine}).
 */
public record YencPart(String name, int part, int total, long fileSize, long offset, long length,
                       OptionalInt fileCrc32) {

    /** Validates numbering, the range inside the file, and that the name cannot break the header line. */
    public YencPart {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("yEnc name must be non-empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("yEnc name must not contain CR, LF or NUL");
            }
        }
        if (total < 1 || part < 1 || part > total) {
            throw new IllegalArgumentException("bad part " + part + " of " + total);
        }
        if (fileSize < 0 || offset < 0 || length < 0 || offset + length > fileSize) {
            throw new IllegalArgumentException(
                    "part range offset=" + offset + " length=" + length + " outside file of " + fileSize);
        }
        if (fileCrc32 == null) {
            throw new IllegalArgumentException("fileCrc32 must be present or empty, not null");
        }
    }

    /** A part without the whole-file CRC (every part but the last). */
    public static YencPart of(String name, int part, int total, long fileSize, long offset, long length) {
        return new YencPart(name, part, total, fileSize, offset, length, OptionalInt.empty());
    }

    /** This part with the whole-file CRC-32 added (for the last part). */
    public YencPart withFileCrc32(int crc32) {
        return new YencPart(name, part, total, fileSize, offset, length, OptionalInt.of(crc32));
    }
}
