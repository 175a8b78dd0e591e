package io.usync.download.output;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a planned output file must become: its stable id, safe relative name, final path, size
 * (-1 when unknown until the articles arrive), modification time and SHA-256 when known, and the
 * resume-log key whose records are dropped when its content fails verification (-1 for none).
 */
public record TargetSpec(int id, String name, Path finalPath, long size, OptionalLong mtimeMillis,
        Optional<byte[]> sha256, int stateKey) {

    /** Validates the fields. */
    public TargetSpec {
        if (id < 0 || name == null || finalPath == null || mtimeMillis == null || sha256 == null || size < -1 || stateKey < -1) {
            throw new IllegalArgumentException("bad target spec for " + name);
        }
        sha256 = sha256.map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "TargetSpec[" + id + " " + name + " " + size + " bytes]";
    }
}
