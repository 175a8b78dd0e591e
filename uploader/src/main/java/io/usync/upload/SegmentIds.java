package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.crypto.MessageIds;
import io.usync.core.manifest.ManifestBlob;

/** Derived Message-IDs of a share's segments and manifest pages (one per thread: not thread-safe). */
final class SegmentIds {

    private final MessageIds ids;

    /** Creates the derivation for the share in {@code share}. */
    SegmentIds(ShareContext share) {
        this.ids = MessageIds.forShare(share.keys(), share.messageIdDomain());
    }

    /** The id of segment {@code segment} of {@code blob} under attempt {@code attempt}. */
    MessageId segment(ManifestBlob blob, int segment, int attempt) {
        return ids.segment(blob.originVersion(), blob.kind(), blob.index(), segment, attempt);
    }

    /** The id of page {@code page} of manifest version {@code version}. */
    MessageId manifestPage(int version, int page) {
        return ids.manifestPage(version, page);
    }
}
