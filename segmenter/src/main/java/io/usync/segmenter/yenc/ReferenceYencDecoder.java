package io.usync.segmenter.yenc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Line-by-line, byte-at-a-time yEnc decoder of a whole article held in memory: the oracle for tests and the benchmark baseline. */
public final class ReferenceYencDecoder {

    /** What the reference decoder produced: the result and the decoded bytes. */
    public record Output(YencResult result, byte[] data) {
    }

    /** Decodes a whole article body (dot-unstuffed) and checks it like {@link YencDecoder}. */
    public Output decode(byte[] article, YencExpectation expected) {
        YencKeywordLine begin = null;
        YencKeywordLine part = null;
        YencKeywordLine end = null;
        ByteArrayOutputStream data = new ByteArrayOutputStream(article.length);
        int pos = 0;
        while (pos < article.length && end == null) {
            int lf = pos;
            while (lf < article.length && article[lf] != '\n') {
                lf++;
            }
            int stop = lf > pos && article[lf - 1] == '\r' ? lf - 1 : lf;
            Optional<YencKeywordLine> keyword = stop - pos >= 2 && article[pos] == '=' && article[pos + 1] == 'y'
                    ? YencKeywordLine.parse(new String(article, pos, stop - pos, StandardCharsets.UTF_8))
                    : Optional.empty();
            if (begin == null) {
                if (keyword.isPresent() && keyword.get().keyword().equals("begin")) {
                    begin = keyword.get();
                }
            } else if (keyword.isPresent()) {
                switch (keyword.get().keyword()) {
                    case "part" -> part = part == null && data.size() == 0 ? keyword.get() : part;
                    case "end" -> end = keyword.get();
                    default -> { }
                }
            } else {
                decodeLine(article, pos, stop, data);
            }
            pos = lf + 1;
        }
        byte[] bytes = data.toByteArray();
        YencResult result = YencPartCheck.check(begin, part, end, bytes.length, Long.MAX_VALUE,
                () -> Crc32s.of(ByteBuffer.wrap(bytes)), expected);
        return new Output(result, bytes);
    }

    private static void decodeLine(byte[] a, int from, int to, ByteArrayOutputStream out) {
        for (int i = from; i < to; i++) {
            int c = a[i] & 0xFF;
            if (c == '=') {
                if (i + 1 >= to) {
                    return;
                }
                c = (a[++i] & 0xFF) - 64;
            }
            out.write((c - 42) & 0xFF);
        }
    }
}
