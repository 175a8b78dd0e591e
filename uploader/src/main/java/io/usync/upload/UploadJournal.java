package io.usync.upload;

import io.usync.core.manifest.BlobKey;
import java.util.List;

/**
 * What the pipeline writes to the index while it runs: article state changes (in batches) and
 * blob digests once a blob has been read. The index adapter implements it over {@code ShareIndex};
 * tests use an in-memory one.
 */
interface UploadJournal {

    /** Records a batch of article state changes. */
    void articles(List<ArticleEvent> events);

    /** Records the digests of a blob that has been read completely. */
    void blobRead(BlobKey blob, int originVersion, BlobDigest digest);
}
