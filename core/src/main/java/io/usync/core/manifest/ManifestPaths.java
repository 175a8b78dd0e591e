package io.usync.core.manifest;

/** The one rule for paths inside a manifest: relative, '/'-separated, no empty or dot segments. */
final class ManifestPaths {

    private ManifestPaths() {
    }

    /** Throws unless {@code path} is a plausible relative manifest path (SafePaths still guards writes). */
    static void requireRelative(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("path must be relative and non-empty: " + path);
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("bad path segment in " + path);
            }
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) < 0x20 || path.charAt(i) == 0x7f) {
                throw new IllegalArgumentException("control character in path " + path.replaceAll("\\p{Cntrl}", "?"));
            }
        }
    }
}
