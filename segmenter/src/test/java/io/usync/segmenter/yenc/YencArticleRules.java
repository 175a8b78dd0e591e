package io.usync.segmenter.yenc;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the 1.3 line rules on an encoded article independently of how the encoder works. */
final class YencArticleRules {

    private YencArticleRules() {
    }

    static void assertWellFormed(byte[] article, int lineLength) {
        int lineStart = 0;
        int lines = 0;
        String last = null;
        for (int i = 0; i < article.length; i++) {
            if (article[i] != '\n') {
                continue;
            }
            assertThat(i).as("LF preceded by CR").isGreaterThan(lineStart);
            assertThat(article[i - 1]).as("CRLF line end").isEqualTo((byte) '\r');
            int end = i - 1;
            lines++;
            if (lines > 2 && !(article[lineStart] == '=' && article[lineStart + 1] == 'y')) {
                checkDataLine(article, lineStart, end, lineLength);
            }
            last = new String(article, lineStart, Math.min(5, end - lineStart), java.nio.charset.StandardCharsets.ISO_8859_1);
            lineStart = i + 1;
        }
        assertThat(lineStart).as("article ends with CRLF").isEqualTo(article.length);
        assertThat(last).isEqualTo("=yend");
    }

    private static void checkDataLine(byte[] a, int from, int to, int lineLength) {
        int length = to - from;
        assertThat(length).as("no blank data line").isPositive();
        assertThat(length).as("line length").isLessThanOrEqualTo(lineLength + 1);
        byte first = a[from];
        assertThat(first).as("first column").isNotIn((byte) '.', (byte) ' ', (byte) '\t');
        byte lastByte = a[to - 1];
        assertThat(lastByte).as("last column").isNotIn((byte) ' ', (byte) '\t');
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            byte b = a[i];
            if (escaped) {
                escaped = false;
                continue;
            }
            if (b == 0 || b == '\r' || b == '\n') {
                assertThat(b).as("unescaped NUL, CR or LF at %d", i).isNotIn((byte) 0, (byte) '\r', (byte) '\n');
            }
            escaped = b == '=';
        }
        assertThat(escaped).as("no lone '=' at line end").isFalse();
        if (length == lineLength + 1) {
            assertThat(a[to - 2]).as("a 129-character line ends in an escape pair").isEqualTo((byte) '=');
        }
    }
}
