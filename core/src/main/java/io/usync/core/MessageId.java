package io.usync.core;

/**
 * A validated Usenet Message-ID in its wire form {@code <left@right>} (RFC 5536 section 3.1.3):
 * printable ASCII without spaces or inner angle brackets, at most 250 octets.
 */
public record MessageId(String value) {

    /** Longest Message-ID accepted, in octets including the angle brackets. */
    public static final int MAX_LENGTH = 250;

    /** Validates the id, so CR/LF or spaces can never reach an NNTP command line. */
    public MessageId {
        if (value == null) {
            throw new IllegalArgumentException("message id is required");
        }
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("bad message id: " + problem);
        }
    }

    /** Parses an id with or without angle brackets (NZB files omit them). */
    public static MessageId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("message id is required");
        }
        String t = text.strip();
        return new MessageId(t.startsWith("<") ? t : "<" + t + ">");
    }

    /** The id with its angle brackets, as used in headers and NNTP commands. */
    public String withBrackets() {
        return value;
    }

    /** The id without angle brackets, as written in an NZB segment. */
    public String withoutBrackets() {
        return value.substring(1, value.length() - 1);
    }

    private static String problem(String v) {
        if (v.length() < 5 || v.length() > MAX_LENGTH) {
            return "length " + v.length() + " outside 5.." + MAX_LENGTH;
        }
        if (v.charAt(0) != '<' || v.charAt(v.length() - 1) != '>') {
            return "missing angle brackets";
        }
        int at = -1;
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c <= 32 || c >= 127) {
                return "non-printable or space character at position " + (i + 1);
            }
            if (c == '<' || c == '>') {
                return "angle bracket inside the id";
            }
            if (c == '@') {
                at = i;
            }
        }
        if (at <= 1 || at >= v.length() - 2) {
            return "no left@right form";
        }
        return null;
    }
}
