package io.usync.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Seeded source folders for uploads, and the byte-for-byte comparison of a download with its source. */
public final class SourceTree {

    private SourceTree() {
    }

    /** Writes {@code files} files of random size up to {@code maxSize} (plus one empty file and a nested folder) under {@code root}. */
    public static Path write(Path root, long seed, int files, int maxSize) {
        Random random = new Random(seed);
        try {
            Files.createDirectories(root.resolve("nested/deeper"));
            for (int i = 0; i < files; i++) {
                Path file = root.resolve(i % 3 == 0 ? "nested/deeper" : i % 2 == 0 ? "nested" : "")
                        .resolve("file-" + seed + "-" + i + ".bin");
                byte[] bytes = new byte[1 + random.nextInt(maxSize)];
                random.nextBytes(bytes);
                Files.write(file, bytes);
            }
            Files.write(root.resolve("empty.txt"), new byte[0]);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one file of exactly {@code size} random bytes. */
    public static Path writeFile(Path file, long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that every file under {@code source} exists under {@code copy} with identical bytes, and nothing else does. */
    public static void assertSameTree(Path source, Path copy) {
        List<Path> expected = files(source);
        List<Path> actual = files(copy).stream().filter(p -> !p.startsWith(".usync")).toList();
        assertThat(actual).as("files downloaded into %s", copy).containsExactlyInAnyOrderElementsOf(expected);
        for (Path relative : expected) {
            try {
                assertThat(Files.mismatch(source.resolve(relative), copy.resolve(relative)))
                        .as("first differing byte of %s (-1: identical)", relative).isEqualTo(-1L);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Asserts that {@code copy} holds exactly the non-empty files of {@code source} by base name,
     * with identical bytes: the result of a download from an NZB, which names files by base name
     * only and has no entry for an empty file (usync's {@code .usync} state folder is ignored). Base
     * names under {@code source} must be unique.
     */
    public static void assertSameFilesByName(Path source, Path copy) {
        Map<String, Path> expected = new TreeMap<>();
        for (Path relative : files(source)) {
            if (source.resolve(relative).toFile().length() > 0) {
                Path previous = expected.put(relative.getFileName().toString(), relative);
                assertThat(previous).as("another file named like %s in the source", relative).isNull();
            }
        }
        List<Path> actual = files(copy).stream().filter(p -> !p.startsWith(".usync")).toList();
        assertThat(actual).as("files downloaded into %s", copy).containsExactlyInAnyOrderElementsOf(
                expected.keySet().stream().map(Path::of).toList());
        expected.forEach((name, relative) -> {
            try {
                assertThat(Files.mismatch(source.resolve(relative), copy.resolve(name)))
                        .as("first differing byte of %s (-1: identical)", relative).isEqualTo(-1L);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Relative paths of the regular files under {@code root}, sorted. */
    public static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
