package io.usync.it.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.usync.core.BlobKind;
import io.usync.core.ByteRange;
import io.usync.core.Segment;
import io.usync.index.ArticleMark;
import io.usync.index.ArticleRecord;
import io.usync.index.ArticleState;
import io.usync.index.IndexDatabase;
import io.usync.index.IndexOptions;
import io.usync.index.NewShare;
import io.usync.index.PendingSegment;
import io.usync.index.RowCursor;
import io.usync.index.SegmentRecord;
import io.usync.index.ShareIndex;
import io.usync.index.ShareMode;
import io.usync.index.embedded.EmbeddedPostgresOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded default as a user meets it: a first run records an upload's intent and stops
 * half-way, the process ends, and a second run on the same XDG data directory resumes from the index.
 */
class EmbeddedIndexIT {

    private Path xdg;

    @BeforeEach
    void tempXdg() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        xdg = Files.createTempDirectory(tmp, "usync-it-xdg-");
        Files.setPosixFilePermissions(xdg, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void cleanUp() throws IOException {
        try (Stream<Path> walk = Files.walk(xdg)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void aSecondRunResumesFromWhatTheFirstRecorded() {
        IndexOptions options = IndexOptions.defaults().withEmbedded(EmbeddedPostgresOptions.forDataHome(xdg)
                .withBinaryCache(Path.of(System.getProperty("java.io.tmpdir"), "usync-pg-binaries")).withDurable(false));
        List<SegmentRecord> segments = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            segments.add(new SegmentRecord(1, new Segment(BlobKind.FILE, 0, i, 10, new ByteRange(i * 100L, 100)), 130, i));
        }
        long shareId;
        try (IndexDatabase first = IndexDatabase.open(options)) {
            assertThat(first.embedded()).isTrue();
            ShareIndex index = new ShareIndex(first);
            shareId = index.createShare(new NewShare(ShareMode.PRIVATE, new byte[16], new byte[] {1, 2}, "it", "/src")).id();
            assertThat(index.openVersion(shareId)).isEqualTo(1);
            index.recordSegments(shareId, segments);
            index.recordArticles(shareId, segments.stream().map(s -> ArticleRecord.planned(s, 0, id(s))).toList());
            index.markArticles(shareId, segments.subList(0, 4).stream()
                    .map(s -> ArticleMark.now(id(s), ArticleState.VERIFIED, "inn")).toList());
        }
        assertThat(xdg.resolve("usync/pg/data/postmaster.pid")).doesNotExist();
        try (IndexDatabase second = IndexDatabase.open(options)) {
            ShareIndex index = new ShareIndex(second);
            assertThat(index.share(shareId)).isPresent();
            try (RowCursor<PendingSegment> pending = index.pendingSegments(shareId, 1)) {
                assertThat(pending.stream().map(p -> p.segment().segment().index()).toList())
                        .containsExactly(4, 5, 6, 7, 8, 9);
            }
        }
    }

    private static String id(SegmentRecord s) {
        return "<it-" + s.segment().index() + "@usync.test>";
    }
}
