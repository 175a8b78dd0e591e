package io.usync.download;

/** A file that could not be completed: its name, how many segments are missing, and why. */
public record MissingFile(String name, int missingSegments, String reason) {

    /** Validates that a name and a reason are present. */
    public MissingFile {
        if (name == null || reason == null || missingSegments < 0) {
            throw new IllegalArgumentException("name and reason are required");
        }
    }
}
