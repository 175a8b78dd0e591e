package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.core.manifest.BlobKey;
import io.usync.core.manifest.Manifest;
import io.usync.core.manifest.ManifestBlob;
import io.usync.core.manifest.ManifestFile;
import io.usync.core.nzb.NzbMeta;
import io.usync.core.nzb.NzbSegment;
import io.usync.core.nzb.NzbWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the NZB 1.1 file of a plain-mode version: one {@code <file>} per non-empty file, in scan
 * order, with the conventional subject and every segment's derived Message-ID (written to a
 * temporary file and moved into place, so a crash never leaves half an NZB).
 */
final class NzbPublisher {

    private final UploadOptions options;

    /** Creates a publisher posting under the options' From and newsgroups. */
    NzbPublisher(UploadOptions options) {
        this.options = options;
    }

    /** Writes the NZB for {@code manifest} to {@code target}. */
    void write(Manifest manifest, SegmentIds ids, Path target, long dateSeconds) throws IOException {
        Map<BlobKey, ManifestBlob> blobs = new HashMap<>();
        manifest.blobs().forEach(b -> blobs.put(b.key(), b));
        Map<Manifest.SegmentKey, Integer> attempts = manifest.attemptsBySegment();
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".usync-", ".nzb.part");
        try {
            try (OutputStream out = Files.newOutputStream(temp); NzbWriter nzb = new NzbWriter(out)) {
                nzb.writeHead(manifest.label().isEmpty() ? List.of() : List.of(new NzbMeta("title", manifest.label())));
                int total = manifest.files().size();
                int number = 0;
                for (ManifestFile file : manifest.files()) {
                    number++;
                    if (manifest.blobOf(file).isEmpty()) {
                        continue;
                    }
                    ManifestBlob blob = blobs.get(manifest.blobOf(file).get());
                    String name = file.path().substring(file.path().lastIndexOf('/') + 1);
                    String subject = "[" + number + "/" + total + "] - \"" + name + "\" yEnc (1/" + blob.segmentCount()
                            + ") " + file.size();
                    nzb.beginFile(options.plainFrom(), dateSeconds, subject, options.newsgroups());
                    for (int s = 0; s < blob.segmentCount(); s++) {
                        int attempt = attempts.getOrDefault(new Manifest.SegmentKey(blob.key(), s), 0);
                        MessageId id = ids.segment(blob, s, attempt);
                        long length = Math.min(blob.segmentSize(), blob.size() - (long) s * blob.segmentSize());
                        nzb.segment(new NzbSegment(s + 1, length, id.withoutBrackets()));
                    }
                    nzb.endFile();
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
