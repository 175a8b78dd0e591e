package io.usync.index;

import io.usync.core.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The size-and-mtime fast path, then the hash, applied to one scan against one stored version. */
final class ChangeDetection {

    private ChangeDetection() {
    }

    static FileChanges compare(List<SourceFile> onDisk, Iterable<FileRecord> stored, ContentHasher hasher) {
        Map<String, FileRecord> byPath = new HashMap<>();
        for (FileRecord f : stored) {
            byPath.put(f.path(), f);
        }
        List<SourceFile> added = new ArrayList<>();
        List<SourceFile> modified = new ArrayList<>();
        List<FileChanges.Unchanged> unchanged = new ArrayList<>();
        for (SourceFile file : onDisk) {
            FileRecord old = byPath.remove(file.path());
            if (old == null) {
                added.add(file);
            } else if (old.size() != file.size()) {
                modified.add(file);
            } else if (old.mtimeMillis() == file.mtimeMillis()) {
                unchanged.add(new FileChanges.Unchanged(file, old));
            } else if (sameContent(file, old.sha256(), hasher)) {
                unchanged.add(new FileChanges.Unchanged(file, old));
            } else {
                modified.add(file);
            }
        }
        List<FileRecord> removed = new ArrayList<>(byPath.values());
        removed.sort((a, b) -> Integer.compare(a.fileIndex(), b.fileIndex()));
        return new FileChanges(added, modified, unchanged, removed);
    }

    private static boolean sameContent(SourceFile file, Optional<Sha256> stored, ContentHasher hasher) {
        if (stored.isEmpty()) {
            return false;
        }
        try {
            return stored.get().equals(hasher.sha256(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash " + PathBytes.printable(file.path()) + ": " + e.getMessage(), e);
        }
    }
}
