package io.usync.download.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the free-space check learns how many bytes a folder's file system has usable. */
@FunctionalInterface
public interface UsableSpace {

    /** The file system's own figure ({@code FileStore.getUsableSpace()}). */
    UsableSpace FILE_STORE = folder -> Files.getFileStore(folder).getUsableSpace();

    /** The bytes usable on the file system of {@code folder}, which exists. */
    long bytes(Path folder) throws IOException;
}
