package io.usync.index.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The parts of PostgreSQL's {@code postmaster.pid} lock file usync reads: the server's process
 * id, port and status line, used to find a running server or to recognise a stale lock.
 */
record PostmasterPid(long pid, int port, String status) {

    /** Reads the lock file in {@code dataDirectory}; empty when absent or still being written. */
    static Optional<PostmasterPid> read(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            if (lines.size() < 4) {
                return Optional.of(new PostmasterPid(lines.isEmpty() ? -1 : parse(lines.get(0)), -1, ""));
            }
            String status = lines.size() > 7 ? lines.get(7).trim() : "";
            return Optional.of(new PostmasterPid(parse(lines.get(0)), (int) parse(lines.get(3)), status));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new PostmasterPid(-1, -1, ""));
        }
    }

    private static long parse(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether the recorded process exists and is a PostgreSQL server (not a recycled pid). */
    boolean processIsPostgres() {
        if (pid <= 0) {
            return false;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(h -> h.info().command().map(c -> c.endsWith("/postgres") || c.endsWith("postgres")).orElse(true))
                .orElse(false);
    }

    /** Whether the server reports itself ready for connections. */
    boolean ready() {
        return "ready".equals(status) && port > 0;
    }
}
