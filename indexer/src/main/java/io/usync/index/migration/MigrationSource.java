package io.usync.index.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds the migration scripts in a class-path folder, whether it is a directory or inside a jar. */
public final class MigrationSource {

    private MigrationSource() {
    }

    /** Loads every {@code V<n>__*.sql} under {@code folder} (for example {@code db/migration}), sorted. */
    public static List<Migration> load(ClassLoader loader, String folder) {
        List<Migration> found = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(folder))) {
                URI uri = url.toURI();
                if ("jar".equals(uri.getScheme())) {
                    FileSystem fs;
                    boolean opened = false;
                    try {
                        fs = FileSystems.newFileSystem(uri, Map.of());
                        opened = true;
                    } catch (FileSystemAlreadyExistsException e) {
                        fs = FileSystems.getFileSystem(uri);
                    }
                    try {
                        read(fs.provider().getPath(uri), found);
                    } finally {
                        if (opened) {
                            fs.close();
                        }
                    }
                } else {
                    read(Path.of(uri), found);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migrations from " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        found.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).version() == found.get(i - 1).version()) {
                throw new IllegalStateException("two migrations have version " + found.get(i).version());
            }
        }
        return List.copyOf(found);
    }

    private static void read(Path dir, List<Migration> into) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String sql = Files.readString(file, StandardCharsets.UTF_8);
                Migration.fromFile(file.getFileName().toString(), sql).ifPresent(into::add);
            }
        }
    }
}
