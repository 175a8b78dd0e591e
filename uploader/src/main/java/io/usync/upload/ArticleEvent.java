package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.manifest.BlobKey;

/** A change of one article's state, recorded in the index in batches. */
record ArticleEvent(BlobKey blob, int originVersion, int segment, int attempt, MessageId messageId, String server,
        SegmentState state, String response) {
}
