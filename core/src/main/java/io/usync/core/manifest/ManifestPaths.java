package io.usync.core.manifest;

import io.usync.core.TerminalText;

/**
 * The one rule for paths inside a manifest: relative, '/'-separated, no empty or dot segments, no
 * control characters. A refused path is named in the message with every control character shown
 * as '?', so that a crafted manifest cannot send terminal escape sequences through an error line.
 */
final class ManifestPaths {

    private ManifestPaths() {
    }

    /** Throws unless {@code path} is a plausible relative manifest path (SafePaths still guards writes). */
    static void requireRelative(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("path must be relative and non-empty: "
                    + TerminalText.printable(String.valueOf(path)));
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("bad path segment in " + TerminalText.printable(path));
            }
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new IllegalArgumentException("control character in path " + TerminalText.printable(path));
            }
        }
    }
}
