package io.usync.upload;

import io.usync.core.SourceFile;
import io.usync.core.TerminalText;
import io.usync.core.manifest.FileLocation;
import io.usync.core.manifest.ManifestFile;
import io.usync.core.manifest.ManifestLimits;
import io.usync.core.path.DownloadState;
import io.usync.segmenter.scan.ScanResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of a scanned tree a manifest can hold: the files and empty folders whose paths pass the
 * manifest's path rule (no control characters, no empty or dot segments, within the string bound),
 * found before anything is planned or posted; every other path is reported with its reason. A
 * download's own state in the folder (its {@code .usync} folder, {@code .usync-part} files) is left
 * out too: it is not the user's data, and a download would refuse those names.
 */
record ShareableTree(List<SourceFile> files, List<String> emptyDirectories, List<String> refused) {

    /** Freezes the folder and problem lists ({@code files} must be unmodifiable: the scan's compact list is kept). */
    ShareableTree {
        files = java.util.Collections.unmodifiableList(files);
        emptyDirectories = List.copyOf(emptyDirectories);
        refused = List.copyOf(refused);
    }

    /** Splits {@code scan} into what a share can carry and one problem line per path it cannot. */
    static ShareableTree of(ScanResult scan) {
        List<String> folders = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<Integer> refusedFiles = new ArrayList<>();
        for (int i = 0; i < scan.files().size(); i++) {
            Optional<String> reason = skipped(scan.files().path(i));
            if (reason.isPresent()) {
                refused.add("skipped " + reason.get());
                refusedFiles.add(i);
            }
        }
        List<SourceFile> files = scan.files();
        if (!refusedFiles.isEmpty()) {
            List<SourceFile> kept = new ArrayList<>(scan.files().size() - refusedFiles.size());
            for (int i = 0, r = 0; i < scan.files().size(); i++) {
                if (r < refusedFiles.size() && refusedFiles.get(r) == i) {
                    r++;
                } else {
                    kept.add(scan.files().get(i));
                }
            }
            files = kept;
        }
        for (String folder : scan.emptyDirectories()) {
            Optional<String> reason = skipped(folder);
            if (reason.isPresent()) {
                refused.add("skipped empty folder: " + reason.get());
            } else {
                folders.add(folder);
            }
        }
        return new ShareableTree(files, folders, refused);
    }

    /** The total size of the files kept. */
    long totalBytes() {
        long total = 0;
        for (SourceFile file : files) {
            total += file.size();
        }
        return total;
    }

    /** Why {@code path} is left out, with what to do, or empty when the share carries it. */
    private static Optional<String> skipped(String path) {
        if (DownloadState.isState(path)) {
            return Optional.of(TerminalText.printable(path) + ": a download's unfinished state ("
                    + DownloadState.FOLDER + ", *" + DownloadState.PART_SUFFIX
                    + "), not uploaded; finish or delete that download to include its files");
        }
        return refusal(path).map(r -> r + "; a share cannot carry this name, rename it to include it");
    }

    /** Why a manifest cannot hold {@code path} (the manifest's own rule), or empty when it can. */
    static Optional<String> refusal(String path) {
        int bytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > ManifestLimits.defaults().maxStringBytes()) {
            return Optional.of(TerminalText.printable(path.substring(0, Math.min(path.length(), 80)))
                    + "...: the path is " + bytes + " bytes, more than a manifest holds ("
                    + ManifestLimits.defaults().maxStringBytes() + ")");
        }
        try {
            new ManifestFile(path, 0, 0, UploadPlanner.EMPTY_SHA256, FileLocation.EMPTY);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(TerminalText.printable(path) + ": " + TerminalText.printable(e.getMessage()));
        }
    }
}
