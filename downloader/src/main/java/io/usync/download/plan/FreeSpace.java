package io.usync.download.plan;

import io.usync.download.DownloadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The free-space check, done before any folder or file of the plan is created. */
public final class FreeSpace {

    private FreeSpace() {
    }

    /**
     * Throws {@link DownloadException.NotEnoughSpace} unless the file system of {@code dir} (or of
     * its nearest existing parent) has {@code needed + reserve} bytes usable, as {@code space} tells.
     */
    public static void require(Path dir, long needed, long reserve, UsableSpace space) {
        long usable;
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return;
            }
            usable = space.bytes(existing);
        } catch (IOException e) {
            throw new DownloadException.OutputFailure("cannot read free space of " + dir + ": " + e.getMessage(), e);
        }
        if (usable < needed + reserve) {
            throw new DownloadException.NotEnoughSpace("not enough free space in " + dir + ": need "
                    + mib(needed + reserve) + " MiB, " + mib(usable) + " MiB usable; free space or choose "
                    + "another folder with -o");
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
