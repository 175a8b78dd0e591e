package io.usync.core;

/**
 * Makes text from outside (names from an NZB, a yEnc header or a manifest, server replies, paths)
 * safe to print on a terminal: every control character ({@link Character#isISOControl}, which
 * includes ESC, CR, LF and tab) becomes {@code ?}, so no name can move the cursor, clear the
 * screen or forge a line of its own. The one rule for every message that quotes outside text.
 */
public final class TerminalText {

    private TerminalText() {
    }

    /** The text with each control character replaced by {@code ?} (the same string when there is none). */
    public static String printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                StringBuilder safe = new StringBuilder(text);
                for (int j = i; j < safe.length(); j++) {
                    if (Character.isISOControl(safe.charAt(j))) {
                        safe.setCharAt(j, '?');
                    }
                }
                return safe.toString();
            }
        }
        return text;
    }
}
