package io.usync.index;

import io.usync.core.SourceFile;
import java.io.IOException;

/** Computes a file's SHA-256 on demand (only for files whose size matches but mtime differs). */
@FunctionalInterface
public interface ContentHasher {

    /** The SHA-256 of {@code file}'s current content. */
    Sha256 sha256(SourceFile file) throws IOException;
}
