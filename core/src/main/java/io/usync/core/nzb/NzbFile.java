package io.usync.core.nzb;

import java.util.List;
import java.util.Optional;

/** One {@code <file>} of an NZB: poster, date (seconds since the epoch), subject, groups and segments in order. */
public record NzbFile(String poster, long date, String subject, List<String> groups, List<NzbSegment> segments) {

    /** Validates presence and copies the lists. */
    public NzbFile {
        if (poster == null || subject == null || groups == null || segments == null) {
            throw new IllegalArgumentException("poster, subject, groups and segments are required (may be empty)");
        }
        groups = List.copyOf(groups);
        segments = List.copyOf(segments);
    }

    /** The file name quoted in the subject ({@code ... "name" yEnc ...}), if there is one; still unsanitised. */
    public Optional<String> quotedName() {
        return quotedName(subject);
    }

    /** The first non-empty double-quoted text of a subject; empty when the subject quotes nothing. */
    public static Optional<String> quotedName(String subject) {
        int from = 0;
        while (true) {
            int open = subject.indexOf('"', from);
            if (open < 0) {
                return Optional.empty();
            }
            int close = subject.indexOf('"', open + 1);
            if (close < 0) {
                return Optional.empty();
            }
            String name = subject.substring(open + 1, close).strip();
            if (!name.isEmpty()) {
                return Optional.of(name);
            }
            from = close + 1;
        }
    }

    /** The sum of the declared segment sizes (a hint; the yEnc headers are authoritative). */
    public long declaredBytes() {
        long total = 0;
        for (NzbSegment s : segments) {
            total += s.bytes();
        }
        return total;
    }
}
