package io.usync.upload;

import io.usync.core.SourceFile;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a plain upload's NZB cannot carry, said once: empty files and empty folders (an NZB lists
 * only files with articles) and the folders of files (an NZB name is a bare file name, so names
 * that occur in several folders collide when the NZB is downloaded).
 */
final class PlainModeLosses {

    private PlainModeLosses() {
    }

    /** One problem line for everything of {@code tree} the NZB leaves out, or empty when it holds all. */
    static Optional<String> of(ShareableTree tree) {
        int emptyFiles = 0;
        int nested = 0;
        Set<String> names = new HashSet<>();
        Set<String> repeated = new java.util.TreeSet<>();
        for (SourceFile file : tree.files()) {
            if (file.size() == 0) {
                emptyFiles++;
                continue;
            }
            String path = file.path();
            int slash = path.lastIndexOf('/');
            if (slash >= 0) {
                nested++;
            }
            String name = path.substring(slash + 1);
            if (!names.add(name)) {
                repeated.add(name);
            }
        }
        int emptyFolders = tree.emptyDirectories().size();
        if (emptyFiles == 0 && emptyFolders == 0 && nested == 0) {
            return Optional.empty();
        }
        StringBuilder line = new StringBuilder("plain mode: ");
        String left = emptyFiles == 0 && emptyFolders == 0 ? ""
                : emptyFiles == 0 ? count(emptyFolders, "empty folder")
                : emptyFolders == 0 ? count(emptyFiles, "empty file")
                : count(emptyFiles, "empty file") + " and " + count(emptyFolders, "empty folder");
        if (!left.isEmpty()) {
            line.append(left).append(emptyFiles + emptyFolders == 1 ? " is" : " are").append(" not in the NZB");
        }
        if (nested > 0) {
            line.append(left.isEmpty() ? "" : ", and ").append(count(nested, "file")).append(" in subfolders")
                    .append(nested == 1 ? " is" : " are").append(" named without their folders");
            if (!repeated.isEmpty()) {
                line.append(" (").append(repeated.size() == 1 ? "a name occurs" : repeated.size() + " names occur")
                        .append(" more than once and will collide, e.g. ").append(repeated.iterator().next())
                        .append(")");
            }
        }
        return Optional.of(line.append(" (NZB has no way to carry them); upload as a share to keep them").toString());
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
