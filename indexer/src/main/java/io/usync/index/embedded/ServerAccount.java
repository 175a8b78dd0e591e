package io.usync.index.embedded;

import io.usync.index.IndexException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The account the server processes run as: the current user, or {@code nobody} when the JVM runs
 * as root (PostgreSQL refuses root), in which case commands are wrapped in {@code setpriv}.
 */
record ServerAccount(boolean dropsRoot) {

    private static final String UNPRIVILEGED = "nobody";

    /** Detects whether this process runs as root. */
    static ServerAccount detect() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return new ServerAccount(uid instanceof Integer i && i == 0);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return new ServerAccount("root".equals(System.getProperty("user.name")));
        }
    }

    /** Prefixes a server command so it runs as the unprivileged account when needed. */
    List<String> command(List<String> command) {
        if (!dropsRoot) {
            return command;
        }
        int[] ids = unprivilegedIds();
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + ids[0],
                "--regid=" + ids[1], "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands {@code path} to the server account (no-op unless running as root). */
    void own(Path path) throws IOException {
        if (!dropsRoot) {
            return;
        }
        int[] ids = unprivilegedIds();
        Files.setAttribute(path, "unix:uid", ids[0], LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", ids[1], LinkOption.NOFOLLOW_LINKS);
    }

    private static int[] unprivilegedIds() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(UNPRIVILEGED)) {
                    return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the conventional ids
        }
        return new int[] {65534, 65534};
    }

    /** Fails with a clear message when the unprivileged account cannot reach {@code path}. */
    void requireReachable(Path path) {
        if (!dropsRoot) {
            return;
        }
        for (Path p = path.getParent(); p != null; p = p.getParent()) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IndexException.ServerUnavailable("usync runs as root, so the embedded PostgreSQL runs as '"
                            + UNPRIVILEGED + "', which cannot enter " + p + "; set XDG_DATA_HOME to a directory"
                            + " outside it, run as a normal user, or set index.jdbcUrl", null);
                }
            } catch (IOException e) {
                throw new IndexException.ServerUnavailable("cannot inspect " + p + ": " + e.getMessage(), e);
            }
        }
    }
}
