package io.usync.core.manifest;

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
            throw new IllegalArgumentException("path must be relative and non-empty: " + printable(path));
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("bad path segment in " + printable(path));
            }
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new IllegalArgumentException("control character in path " + printable(path));
            }
        }
    }

    /** {@code path} with each control character (C0, DEL, C1) replaced by '?'; "null" for null. */
    static String printable(String path) {
        if (path == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }
}
