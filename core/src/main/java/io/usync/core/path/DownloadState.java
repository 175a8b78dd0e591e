package io.usync.core.path;

import java.util.Locale;

/**
 * The names a download keeps under its target while it runs: the resume state folder
 * {@code .usync} at the top and {@code <name>.usync-part} files. A download refuses shared names
 * that would collide with them, and an upload leaves them out (they are not the user's data).
 */
public final class DownloadState {

    /** The resume state folder, directly under the download's target. */
    public static final String FOLDER = ".usync";
    /** The suffix of a file being downloaded, next to its final name. */
    public static final String PART_SUFFIX = ".usync-part";

    private DownloadState() {
    }

    /**
     * Whether the first component of a '/'-separated relative name is the state folder, as a
     * case-insensitive file system that drops trailing dots and spaces (Windows) would match it too.
     */
    public static boolean inStateFolder(String relative) {
        int slash = relative.indexOf('/');
        String first = slash < 0 ? relative : relative.substring(0, slash);
        int end = first.length();
        while (end > 0 && (first.charAt(end - 1) == '.' || first.charAt(end - 1) == ' ')) {
            end--;
        }
        return first.substring(0, end).toLowerCase(Locale.ROOT).equals(FOLDER);
    }

    /** Whether a relative name is a download's state: in the state folder, or an unfinished {@code .usync-part} file. */
    public static boolean isState(String relative) {
        return inStateFolder(relative) || relative.toLowerCase(Locale.ROOT).endsWith(PART_SUFFIX);
    }
}
