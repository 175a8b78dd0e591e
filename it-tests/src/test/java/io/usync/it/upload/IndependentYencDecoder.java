package io.usync.it.upload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A small, deliberately plain yEnc 1.3 decoder written for the tests from the yEnc draft (not the
 * project's codec), so what INN2 holds is checked by code that shares no bug with the encoder: it
 * reads the {@code =ybegin}, optional {@code =ypart} and {@code =yend} lines of one article body,
 * undoes the escapes and checks the sizes and CRC32s the trailer states.
 */
final class IndependentYencDecoder {

    /** One decoded article: the keywords of its {@code =ybegin} line (name to end of line) and its bytes. */
    record Decoded(Map<String, String> begin, String beginLine, byte[] data) {

        /** The {@code name=} value of the {@code =ybegin} line. */
        String name() {
            return begin.get("name");
        }
    }

    private IndependentYencDecoder() {
    }

    /** Decodes the article body {@code body} (CRLF lines, dot-unstuffed) or fails the test with the reason. */
    static Decoded decode(byte[] body) {
        List<byte[]> lines = lines(body);
        int at = 0;
        while (at < lines.size() && !startsWith(lines.get(at), "=ybegin ")) {
            at++;
        }
        if (at == lines.size()) {
            throw new AssertionError("no =ybegin line in the body");
        }
        String beginLine = new String(lines.get(at), StandardCharsets.ISO_8859_1);
        Map<String, String> begin = keywords(beginLine.substring("=ybegin ".length()), true);
        at++;
        long partBegin = 1;
        long partEnd = -1;
        if (begin.containsKey("part")) {
            if (at == lines.size() || !startsWith(lines.get(at), "=ypart ")) {
                throw new AssertionError("a multi-part =ybegin without =ypart: " + beginLine);
            }
            Map<String, String> part = keywords(new String(lines.get(at), StandardCharsets.ISO_8859_1)
                    .substring("=ypart ".length()), false);
            partBegin = Long.parseLong(part.get("begin"));
            partEnd = Long.parseLong(part.get("end"));
            at++;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Map<String, String> end = null;
        for (; at < lines.size(); at++) {
            byte[] line = lines.get(at);
            if (startsWith(line, "=yend")) {
                end = keywords(new String(line, StandardCharsets.ISO_8859_1).substring("=yend".length()).trim(), false);
                break;
            }
            for (int i = 0; i < line.length; i++) {
                int c = line[i] & 0xff;
                if (c == '=') {
                    if (i + 1 == line.length) {
                        throw new AssertionError("a line ends with a lone escape character at line " + at);
                    }
                    c = (line[++i] & 0xff) - 64;
                }
                data.write((c - 42) & 0xff);
            }
        }
        if (end == null) {
            throw new AssertionError("no =yend line after " + beginLine);
        }
        byte[] bytes = data.toByteArray();
        long stated = Long.parseLong(end.get("size"));
        if (stated != bytes.length) {
            throw new AssertionError("=yend size=" + stated + " but " + bytes.length + " bytes decoded");
        }
        if (partEnd >= 0 && partEnd - partBegin + 1 != bytes.length) {
            throw new AssertionError("=ypart begin=" + partBegin + " end=" + partEnd + " but " + bytes.length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        String crcKey = end.containsKey("pcrc32") ? "pcrc32" : "crc32";
        if (end.containsKey(crcKey) && Long.parseLong(end.get(crcKey), 16) != crc.getValue()) {
            throw new AssertionError(crcKey + "=" + end.get(crcKey) + " but the data's CRC32 is "
                    + Long.toHexString(crc.getValue()));
        }
        return new Decoded(begin, beginLine, bytes);
    }

    private static boolean startsWith(byte[] line, String prefix) {
        return new String(line, 0, Math.min(line.length, prefix.length()), StandardCharsets.ISO_8859_1).equals(prefix);
    }

    /** Splits at LF, dropping the CR before it. */
    private static List<byte[]> lines(byte[] body) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (i < body.length || end > start) {
                    byte[] line = new byte[end - start];
                    System.arraycopy(body, start, line, 0, line.length);
                    lines.add(line);
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** {@code key=value} pairs separated by spaces; with {@code nameLast}, {@code name=} takes the rest of the line. */
    private static Map<String, String> keywords(String text, boolean nameLast) {
        Map<String, String> map = new HashMap<>();
        String rest = text;
        if (nameLast) {
            int name = rest.indexOf("name=");
            if (name < 0) {
                throw new AssertionError("=ybegin without name=: " + text);
            }
            map.put("name", rest.substring(name + "name=".length()));
            rest = rest.substring(0, name);
        }
        for (String pair : rest.trim().split(" +")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new AssertionError("not a yEnc keyword: '" + pair + "' in " + text);
            }
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return map;
    }
}
