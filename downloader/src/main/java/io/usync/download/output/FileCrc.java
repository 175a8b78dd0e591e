package io.usync.download.output;

import io.usync.segmenter.yenc.Crc32s;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The whole-file CRC-32 of a plain yEnc file, combined from its parts' CRCs (no second read) and
 * compared with the {@code crc32=} a poster put on the last part's {@code =yend} line.
 */
final class FileCrc {

    private final TreeMap<Long, long[]> parts = new TreeMap<>();
    private OptionalInt expected = OptionalInt.empty();

    /** Records a verified part: {@code length} bytes at {@code offset} with CRC {@code crc}. */
    synchronized void part(long offset, long length, int crc, OptionalInt fileCrc) {
        parts.put(offset, new long[] {length, crc & 0xffffffffL});
        if (fileCrc.isPresent()) {
            expected = fileCrc;
        }
    }

    /**
     * Whether the parts agree with the poster's whole-file CRC; true when no CRC was given or the
     * parts do not cover the file exactly (an earlier run wrote some of them).
     */
    synchronized boolean matches(long size) {
        if (expected.isEmpty() || parts.isEmpty()) {
            return true;
        }
        long at = 0;
        int crc = 0;
        for (Map.Entry<Long, long[]> e : parts.entrySet()) {
            if (e.getKey() != at) {
                return true;
            }
            crc = at == 0 ? (int) e.getValue()[1] : Crc32s.combine(crc, (int) e.getValue()[1], e.getValue()[0]);
            at += e.getValue()[0];
        }
        return at != size || crc == expected.getAsInt();
    }
}
