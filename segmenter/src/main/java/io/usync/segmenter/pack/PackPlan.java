package io.usync.segmenter.pack;

import java.util.List;

/**
 * How the scanned files are stored: indices of files posted as their own blobs, the packs, and the
 * empty files (no blob at all). Every file index appears in exactly one of the three.
 */
public record PackPlan(List<Integer> standaloneFiles, List<PackLayout> packs, List<Integer> emptyFiles) {

    /** Freezes the lists. */
    public PackPlan {
        standaloneFiles = List.copyOf(standaloneFiles);
        packs = List.copyOf(packs);
        emptyFiles = List.copyOf(emptyFiles);
    }
}
