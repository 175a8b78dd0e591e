package io.usync.download;

import io.usync.segmenter.yenc.YencEncoder;
import io.usync.segmenter.yenc.YencEncoderOptions;
import io.usync.segmenter.yenc.YencPart;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain multi-part yEnc articles and the NZB that lists them, built in memory; an article can be
 * replaced by one that lies about where its bytes go.
 */
final class NzbFixture {

    static final int PART = 700;

    final Map<String, byte[]> articles = new LinkedHashMap<>();
    private final YencEncoder yenc = new YencEncoder(YencEncoderOptions.defaults());
    private final StringBuilder files = new StringBuilder();

    /** Posts {@code data} as file {@code fileNo} named {@code name} in parts of {@link #PART} bytes. */
    NzbFixture post(int fileNo, String name, byte[] data) {
        int parts = parts(data);
        files.append("<file poster=\"p\" date=\"1\" subject=\"")
                .append(xmlEscape("[" + fileNo + "/9] - \"" + name + "\" yEnc (1/" + parts + ") " + data.length))
                .append("\"><groups><group>alt.binaries.test</group></groups><segments>");
        for (int p = 0; p < parts; p++) {
            int offset = p * PART;
            articles.put(id(fileNo, p), ShareFixture.yencArticle(yenc, name, data, p + 1, parts, offset,
                    Math.min(PART, data.length - offset)));
            files.append("<segment bytes=\"").append(PART + 100).append("\" number=\"").append(p + 1).append("\">")
                    .append(id(fileNo, p), 1, id(fileNo, p).length() - 1).append("</segment>");
        }
        files.append("</segments></file>");
        return this;
    }

    /**
     * Replaces part {@code part} (0-based) of file {@code fileNo} with an article carrying the
     * right bytes at the right offset but claiming the whole file is {@code claimedSize} bytes.
     */
    void partClaimsFileSize(int fileNo, String name, byte[] data, int part, long claimedSize) {
        int offset = part * PART;
        int length = Math.min(PART, data.length - offset);
        YencPart yp = YencPart.of(name, part + 1, parts(data), claimedSize, offset, length);
        ByteBuffer out = ByteBuffer.allocate((int) yenc.maxEncodedSize(yp));
        yenc.encode(yp, ByteBuffer.wrap(data, offset, length), out);
        articles.put(id(fileNo, part), Arrays.copyOf(out.array(), out.position()));
    }

    /** The bracketed Message-ID of part {@code part} (0-based) of file {@code fileNo}. */
    static String id(int fileNo, int part) {
        return "<part" + part + "of" + fileNo + "@test.invalid>";
    }

    /** Writes the NZB listing every posted file to {@code file}. */
    Path write(Path file) throws IOException {
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<nzb xmlns=\"http://www.newzbin.com/DTD/2003/nzb\">" + files + "</nzb>", StandardCharsets.UTF_8);
        return file;
    }

    private static int parts(byte[] data) {
        return Math.max(1, (data.length + PART - 1) / PART);
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
