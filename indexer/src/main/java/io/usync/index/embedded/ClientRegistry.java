package io.usync.index.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.UUID;

/**
 * File locks that let several processes share one embedded server: a control lock serialises
 * start and stop, and each user holds a lock on its own file in {@code clients/} so the last one
 * to leave knows it may stop the server; files whose lock is free belong to crashed processes.
 */
final class ClientRegistry {

    private final Path directory;
    private final Duration timeout;

    ClientRegistry(Path directory, Duration timeout) {
        this.directory = directory;
        this.timeout = timeout;
    }

    /** Holds the control lock until closed; waits up to the timeout. */
    Held control() throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve("control.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new Held(channel, lock, null);
                }
            } catch (OverlappingFileLockException sameJvm) {
                // another user in this JVM holds it; wait like any other process
            }
            if (System.nanoTime() > deadline) {
                channel.close();
                throw new IOException("timed out after " + timeout.toSeconds()
                        + " s waiting for another usync process to finish starting or stopping the embedded PostgreSQL");
            }
            sleep();
        }
    }

    /** Registers this user; the returned handle releases and deletes its file when closed. */
    Held register() throws IOException {
        Path clients = Files.createDirectories(directory.resolve("clients"));
        Path file = clients.resolve(ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new Held(channel, channel.lock(), file);
    }

    /** Whether any user other than {@code self} is alive; removes the files of dead users. */
    boolean othersAlive(Held self) throws IOException {
        Path clients = directory.resolve("clients");
        if (!Files.isDirectory(clients)) {
            return false;
        }
        boolean alive = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(clients, "*.lock")) {
            for (Path file : files) {
                if (file.equals(self.file)) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.tryLock();
                    if (lock == null) {
                        alive = true;
                    } else {
                        lock.release();
                        Files.deleteIfExists(file);
                    }
                } catch (OverlappingFileLockException sameJvm) {
                    alive = true;
                } catch (java.nio.file.NoSuchFileException gone) {
                    // its owner just left
                }
            }
        }
        return alive;
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the embedded PostgreSQL lock", e);
        }
    }

    /** A held lock (and, for a client, its file). */
    static final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;
        private final Path file;

        Held(FileChannel channel, FileLock lock, Path file) {
            this.channel = channel;
            this.lock = lock;
            this.file = file;
        }

        @Override
        public void close() throws IOException {
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
