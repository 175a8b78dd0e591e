package io.usync.download.plan;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * The {@code --only GLOB} selection: a file is selected when any glob matches its relative path,
 * or, for a glob without '/', its file name; no globs select everything.
 */
public final class OnlyFilter {

    private final List<PathMatcher> byPath;
    private final List<PathMatcher> byName;

    private OnlyFilter(List<PathMatcher> byPath, List<PathMatcher> byName) {
        this.byPath = byPath;
        this.byName = byName;
    }

    /** A filter that selects every file. */
    public static OnlyFilter all() {
        return new OnlyFilter(List.of(), List.of());
    }

    /** A filter from glob patterns ({@code java.nio} glob syntax); an empty list selects all. */
    public static OnlyFilter of(List<String> globs) {
        var fs = FileSystems.getDefault();
        List<PathMatcher> path = globs.stream().map(g -> fs.getPathMatcher("glob:" + g)).toList();
        List<PathMatcher> name = globs.stream().filter(g -> !g.contains("/"))
                .map(g -> fs.getPathMatcher("glob:" + g)).toList();
        return new OnlyFilter(path, name);
    }

    /** Whether this filter selects everything. */
    public boolean selectsAll() {
        return byPath.isEmpty();
    }

    /** Whether the '/'-separated relative path is selected. */
    public boolean selects(String relativePath) {
        if (byPath.isEmpty()) {
            return true;
        }
        Path path;
        try {
            path = Path.of(relativePath);
        } catch (RuntimeException e) {
            return false;
        }
        for (PathMatcher m : byPath) {
            if (m.matches(path)) {
                return true;
            }
        }
        Path name = path.getFileName();
        for (PathMatcher m : byName) {
            if (name != null && m.matches(name)) {
                return true;
            }
        }
        return false;
    }
}
