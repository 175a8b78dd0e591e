package io.usync.download;

import io.usync.core.ShareId;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * One download: what to fetch (a share, or an NZB file), where to write it, and which files to
 * select with {@code --only} globs (none selects everything).
 */
public record DownloadRequest(Source source, Path out, List<String> only) {

    /** Validates and copies. */
    public DownloadRequest {
        if (source == null || out == null) {
            throw new IllegalArgumentException("source and output folder are required");
        }
        only = List.copyOf(only);
    }

    /** What is downloaded. */
    public sealed interface Source {
    }

    /** A usync share: its id, credentials for protected or private shares, and an optional version. */
    public record Share(ShareId id, ShareCredentials credentials, OptionalInt version) implements Source {
        /** Validates. */
        public Share {
            if (id == null || credentials == null || version == null
                    || (version.isPresent() && version.getAsInt() < 1)) {
                throw new IllegalArgumentException("share id, credentials and a positive version are required");
            }
        }
    }

    /** An NZB file. */
    public record Nzb(Path file) implements Source {
        /** Validates. */
        public Nzb {
            if (file == null) {
                throw new IllegalArgumentException("the NZB path is required");
            }
        }
    }

    /** A request for a whole public share (or any share with the given credentials), newest version. */
    public static DownloadRequest share(ShareId id, ShareCredentials credentials, Path out) {
        return new DownloadRequest(new Share(id, credentials, OptionalInt.empty()), out, List.of());
    }

    /** A request for every file of an NZB. */
    public static DownloadRequest nzb(Path file, Path out) {
        return new DownloadRequest(new Nzb(file), out, List.of());
    }

    /** A copy selecting only the files that match one of {@code globs}. */
    public DownloadRequest withOnly(List<String> globs) {
        return new DownloadRequest(source, out, globs);
    }
}
