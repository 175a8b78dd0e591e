package io.usync.core.nzb;

import java.util.List;

/** A whole NZB held in memory: head metadata and files; large NZBs are read file by file instead ({@link NzbStream}). */
public record NzbDocument(List<NzbMeta> meta, List<NzbFile> files) {

    /** Copies the lists. */
    public NzbDocument {
        if (meta == null || files == null) {
            throw new IllegalArgumentException("meta and files are required (may be empty)");
        }
        meta = List.copyOf(meta);
        files = List.copyOf(files);
    }
}
