package io.usync.segmenter.yenc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A parsed {@code =ybegin}, {@code =ypart} or {@code =yend} line: its keyword and its {@code key=value} pairs ({@code name} runs to end of line). */
record YencKeywordLine(String keyword, Map<String, String> values) {

    /** Parses a line without its CRLF; a line that is not a keyword line yields an empty optional. */
    static Optional<YencKeywordLine> parse(String line) {
        if (!line.startsWith("=y")) {
            return Optional.empty();
        }
        int space = line.indexOf(' ');
        String keyword = space < 0 ? line.substring(2) : line.substring(2, space);
        Map<String, String> values = new HashMap<>();
        String rest = space < 0 ? "" : line.substring(space + 1);
        int name = rest.startsWith("name=") ? 0 : rest.indexOf(" name=");
        if (name >= 0) {
            int valueStart = rest.indexOf('=', name) + 1;
            values.put("name", rest.substring(valueStart).strip());
            rest = rest.substring(0, name);
        }
        // Tokens are separated by runs of spaces (no regular expression: String.split(" +")
        // compiled one for every keyword line, 8-10% of a small-file download's I/O threads).
        rest = rest.trim();
        int end = rest.length();
        for (int from = 0; from < end; ) {
            int tokenEnd = rest.indexOf(' ', from);
            tokenEnd = tokenEnd < 0 ? end : tokenEnd;
            int eq = rest.indexOf('=', from, tokenEnd);
            if (eq > from) {
                values.putIfAbsent(rest.substring(from, eq).toLowerCase(java.util.Locale.ROOT), rest.substring(eq + 1, tokenEnd));
            }
            from = tokenEnd + 1;
        }
        return Optional.of(new YencKeywordLine(keyword, Map.copyOf(values)));
    }

    /** A decimal value, or empty when absent or malformed. */
    Optional<Long> number(String key) {
        String v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(v);
            return n < 0 ? Optional.empty() : Optional.of(n);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A CRC-32 in hex (up to 8 digits, any case), or empty when absent or malformed. */
    Optional<Integer> crc(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty() || v.length() > 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseUnsignedInt(v, 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the key is present at all (even malformed). */
    boolean has(String key) {
        return values.containsKey(key);
    }
}
