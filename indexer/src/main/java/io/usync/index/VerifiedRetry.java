package io.usync.index;

import io.usync.core.BlobKind;
import java.util.Objects;

/** A segment whose verified article was posted under attempt number {@code attempt} (above 0). */
public record VerifiedRetry(BlobKind kind, int blobIndex, int segmentIndex, int attempt) {

    /** Validates the fields. */
    public VerifiedRetry {
        Objects.requireNonNull(kind, "kind");
        if (blobIndex < 0 || segmentIndex < 0 || attempt < 1) {
            throw new IllegalArgumentException("blob " + blobIndex + " segment " + segmentIndex + " attempt " + attempt);
        }
    }
}
