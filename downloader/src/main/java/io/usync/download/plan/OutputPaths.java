package io.usync.download.plan;

import io.usync.core.path.DownloadState;
import io.usync.core.path.SafePath;
import io.usync.core.path.SafePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves hostile names (manifest paths, NZB names) to paths under the real output folder: the
 * lexical checks of {@link SafePaths}, then a name of the download's own state (under the resume
 * state folder, or a part file, which another file's download would write) is refused, and
 * so is a name whose folder leads out of the output folder (or into the state folder) through a
 * symbolic link already there. A symbolic link that stays inside the output folder is followed.
 * Each folder is checked once per download. Thread-safe.
 */
public final class OutputPaths {

    private final Path root;
    private final Path stateDir;
    private final SafePaths safePaths;
    private final Map<Path, Optional<String>> folderProblems = new ConcurrentHashMap<>();

    /** Creates a resolver under {@code realRoot}, which must be a real path (no symbolic link in it). */
    public OutputPaths(Path realRoot, SafePaths safePaths) {
        this.root = realRoot;
        this.stateDir = realRoot.resolve(DownloadState.FOLDER);
        this.safePaths = safePaths;
    }

    /** The output folder (a real path). */
    public Path root() {
        return root;
    }

    /** Resolves the name of a file to write, or says why it is refused. */
    public SafePath resolveFile(String name) {
        return resolve(name, false);
    }

    /** Resolves the name of a folder to create, or says why it is refused. */
    public SafePath resolveFolder(String name) {
        return resolve(name, true);
    }

    private SafePath resolve(String name, boolean folder) {
        SafePath lexical = safePaths.resolve(root, name);
        if (!(lexical instanceof SafePath.Safe safe)) {
            return lexical;
        }
        if (DownloadState.isState(safe.relative())) {
            return new SafePath.Rejected(name, "a name of usync's own download state (the " + DownloadState.FOLDER
                    + " folder or a *" + DownloadState.PART_SUFFIX + " file)");
        }
        Path checked = folder ? safe.path() : safe.path().getParent();
        Optional<String> problem = folderProblems.computeIfAbsent(checked, this::problemOf);
        return problem.isPresent() ? new SafePath.Rejected(name, problem.get()) : safe;
    }

    /**
     * Why writing under {@code folder} would leave the output folder through a symbolic link, or
     * empty: the deepest part of it that exists (a link counts) must really lie inside, outside
     * the state folder; the parts below it are created by this download, not followed.
     */
    private Optional<String> problemOf(Path folder) {
        Path existing = folder;
        while (existing != null && !existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || existing.equals(root)) {
            return Optional.empty();
        }
        String shown = root.relativize(existing).toString();
        try {
            Path real = existing.toRealPath();
            if (!real.startsWith(root)) {
                return Optional.of("folder '" + shown + "' leads out of the target through a symbolic link");
            }
            if (real.startsWith(stateDir)) {
                return Optional.of("folder '" + shown + "' leads into usync's resume state folder through a "
                        + "symbolic link");
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.of("folder '" + shown + "' is a symbolic link to nothing");
        } catch (IOException e) {
            return Optional.of("cannot check folder '" + shown + "': " + e.getMessage());
        }
    }
}
