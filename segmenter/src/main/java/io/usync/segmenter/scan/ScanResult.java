package io.usync.segmenter.scan;

import java.util.List;

/**
 * What a scan found: the regular files in stable order, the directories holding nothing kept
 * (so they can be recreated), the skipped entries with reasons, and non-portable names (kept).
 */
public record ScanResult(FileList files, List<String> emptyDirectories, List<SkippedEntry> skipped,
                         List<NameWarning> warnings) {

    /** Validates and freezes the lists. */
    public ScanResult {
        if (files == null) {
            throw new IllegalArgumentException("files are required");
        }
        emptyDirectories = List.copyOf(emptyDirectories);
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }
}
