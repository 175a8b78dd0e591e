package io.usync.segmenter.yenc;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Formats the {@code =ybegin}, {@code =ypart} and {@code =yend} lines of a multi-part article (one
 * rule, one place), and reads the size a {@code =ybegin} line declares with the decoder's own parser.
 */
public final class YencHeaderLines {

    /** Bytes reserved for the three keyword lines apart from the name. */
    static final int FIXED_OVERHEAD = 256;

    private YencHeaderLines() {
    }

    /** The {@code =ybegin} and {@code =ypart} lines, CRLF-terminated, the name last (to end of line). */
    public static byte[] head(YencPart part, int lineLength) {
        String s = "=ybegin part=" + part.part() + " total=" + part.total() + " line=" + lineLength
                + " size=" + part.fileSize() + " name=" + part.name() + "\r\n"
                + "=ypart begin=" + (part.offset() + 1) + " end=" + (part.offset() + part.length()) + "\r\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code =yend} line, CRLF-terminated, with the part CRC and the whole-file CRC when given. */
    public static byte[] tail(YencPart part, int partCrc32) {
        StringBuilder s = new StringBuilder(80).append("=yend size=").append(part.length())
                .append(" part=").append(part.part()).append(" pcrc32=").append(hex(partCrc32));
        part.fileCrc32().ifPresent(crc -> s.append(" crc32=").append(hex(crc)));
        return s.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Eight lowercase hex digits. */
    static String hex(int crc) {
        String h = Integer.toHexString(crc);
        return "00000000".substring(h.length()) + h;
    }

    /** Worst-case size of a whole article for {@code length} data bytes: every byte escaped, plus line breaks and keyword lines. */
    public static long maxEncodedSize(long length, int lineLength, String name) {
        long body = 2 * length;
        long lines = body / lineLength + 2;
        return body + 2 * lines + FIXED_OVERHEAD + (long) name.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The {@code size=} a {@code =ybegin} line (without its line break) declares, parsed as the
     * decoder parses it; empty when the line is not a {@code =ybegin} line or its size is missing
     * or malformed.
     */
    public static Optional<Long> beginSize(String line) {
        return YencKeywordLine.parse(line).filter(l -> l.keyword().equals("begin")).flatMap(l -> l.number("size"));
    }
}
