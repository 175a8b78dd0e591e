package io.usync.segmenter.scan;

import io.usync.segmenter.SegmenterException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a folder depth-first with siblings in name order (so two scans of the same tree agree),
 * never following symbolic links; keeps regular files (empty ones too) and empty directories,
 * reports everything else with a reason. Stateless; one scan per call.
 */
public final class DirectoryScanner {

    private final ScanOptions options;

    /** Creates a scanner with the given bounds. */
    public DirectoryScanner(ScanOptions options) {
        this.options = options;
    }

    /** Scans the tree under {@code root} (a directory); fails only if the root itself cannot be listed. */
    public ScanResult scan(Path root) {
        BasicFileAttributes rootAttributes;
        try {
            rootAttributes = Files.readAttributes(root, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new SegmenterException.ScanFailed("cannot read " + root + ": " + e.getMessage()
                    + "; check that the folder exists and is readable", e);
        }
        if (!rootAttributes.isDirectory()) {
            throw new SegmenterException.ScanFailed(root + " is not a directory; pass a folder to upload", null);
        }
        Walk walk = new Walk();
        List<Child> rootChildren = list(root, "", walk, true);
        walkChildren(root, "", rootChildren, 1, walk);
        return new ScanResult(walk.files.build(), walk.emptyDirectories, walk.skipped, walk.warnings);
    }

    private static final class Walk {
        final FileList.Builder files = new FileList.Builder();
        final List<String> emptyDirectories = new ArrayList<>();
        final List<SkippedEntry> skipped = new ArrayList<>();
        final List<NameWarning> warnings = new ArrayList<>();
    }

    /** A directory entry with its name decoded once (sorting compares names, not paths). */
    private record Child(String name, Path path) {
    }

    /** Visits a directory's sorted children; returns how many entries were kept below it. */
    private int walkChildren(Path dir, String prefix, List<Child> children, int depth, Walk walk) {
        int kept = 0;
        Map<String, String> folded = new HashMap<>();
        for (Child entry : children) {
            String name = entry.name();
            Path child = entry.path();
            String relative = prefix + name;
            if (!roundTrips(dir, child, name)) {
                walk.skipped.add(new SkippedEntry(relative, SkippedEntry.Reason.UNDECODABLE_NAME,
                        "the name is not valid in the platform encoding; rename it"));
                continue;
            }
            if (longerThanAllowed(relative)) {
                walk.skipped.add(new SkippedEntry(relative, SkippedEntry.Reason.TOO_DEEP_OR_LONG,
                        "path longer than " + options.maxPathBytes() + " bytes"));
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                walk.skipped.add(new SkippedEntry(relative, SkippedEntry.Reason.UNREADABLE, String.valueOf(e.getMessage())));
                continue;
            }
            if (attributes.isSymbolicLink()) {
                walk.skipped.add(new SkippedEntry(relative, SkippedEntry.Reason.SYMLINK, "symbolic links are not followed"));
                continue;
            }
            if (attributes.isOther() || !(attributes.isRegularFile() || attributes.isDirectory())) {
                walk.skipped.add(new SkippedEntry(relative, SkippedEntry.Reason.SPECIAL_FILE,
                        "sockets, FIFOs and devices are not uploaded"));
                continue;
            }
            if (attributes.isRegularFile() && !Files.isReadable(child)) {
                walk.skipped.add(new SkippedEntry(relative, SkippedEntry.Reason.UNREADABLE, "permission denied"));
                continue;
            }
            warnIfNotPortable(name, relative, folded, walk);
            if (attributes.isRegularFile()) {
                walk.files.add(relative, attributes.size(), attributes.lastModifiedTime().toMillis());
                kept++;
                continue;
            }
            if (depth >= options.maxDepth()) {
                walk.skipped.add(new SkippedEntry(relative, SkippedEntry.Reason.TOO_DEEP_OR_LONG,
                        "deeper than " + options.maxDepth() + " levels"));
                continue;
            }
            List<Child> grandChildren = list(child, relative, walk, false);
            if (grandChildren == null) {
                continue;
            }
            int below = walkChildren(child, relative + "/", grandChildren, depth + 1, walk);
            if (below == 0) {
                walk.emptyDirectories.add(relative);
            }
            kept++;
        }
        return kept;
    }

    /** Whether the path's UTF-8 form exceeds the bound (no encoding when even 3 bytes per char fit). */
    private boolean longerThanAllowed(String relative) {
        return (long) relative.length() * 3 > options.maxPathBytes()
                && relative.getBytes(StandardCharsets.UTF_8).length > options.maxPathBytes();
    }

    private static void warnIfNotPortable(String name, String relative, Map<String, String> folded, Walk walk) {
        Optional<String> problem = PortableNames.problem(name);
        problem.ifPresent(p -> walk.warnings.add(new NameWarning(relative, p)));
        String previous = folded.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        if (previous != null) {
            walk.warnings.add(new NameWarning(relative, "differs only in case from '" + previous
                    + "'; one overwrites the other on case-insensitive file systems"));
        }
    }

    /** Whether the name, as text, names the same entry again (false for bytes invalid in the platform encoding). */
    private static boolean roundTrips(Path dir, Path child, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return name.indexOf('\uFFFD') < 0 && dir.resolve(name).equals(child);
            }
        }
        return true;
    }

    /** The children of a directory sorted by name, or null (reported) when it cannot be listed. */
    private static List<Child> list(Path dir, String relative, Walk walk, boolean isRoot) {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                children.add(new Child(p.getFileName().toString(), p));
            }
        } catch (IOException | SecurityException e) {
            if (isRoot) {
                throw new SegmenterException.ScanFailed("cannot list " + dir + ": " + e.getMessage()
                        + "; check the folder's permissions", e);
            }
            walk.skipped.add(new SkippedEntry(relative, SkippedEntry.Reason.UNREADABLE,
                    "cannot list directory: " + e.getMessage()));
            return null;
        }
        children.sort((a, b) -> a.name().compareTo(b.name()));
        return children;
    }
}
