package io.usync.index;

import java.util.Objects;
import java.util.Optional;

/**
 * A segment not yet verified, with its latest attempt if any: resume posts (or re-checks) these.
 */
public record PendingSegment(SegmentRecord segment, Optional<Attempt> latest) {

    /** Validates presence. */
    public PendingSegment {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(latest, "latest");
    }

    /** The newest attempt of a segment. */
    public record Attempt(int attempt, String messageId, ArticleState state, String server) {
        /** Validates presence. */
        public Attempt {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(server, "server");
        }
    }
}
