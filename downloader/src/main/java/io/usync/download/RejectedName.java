package io.usync.download;

/** A name from a manifest, NZB or yEnc header that was refused because it is unsafe, and why. */
public record RejectedName(String name, String reason) {

    /** Validates that both fields are present. */
    public RejectedName {
        if (name == null || reason == null) {
            throw new IllegalArgumentException("name and reason are required");
        }
    }
}
