package io.usync.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.BlobKind;
import io.usync.core.ByteRange;
import io.usync.core.Segment;
import io.usync.index.copy.BatchedCopyWriter;
import io.usync.index.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ShareIndexIT {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.perTest();

    private IndexDatabase database;
    private ShareIndex index;

    @BeforeEach
    void open() {
        database = IndexFixtures.open(DB, 4, 1000);
        index = new ShareIndex(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void createsAShareWithItsOwnPartitions() throws SQLException {
        ShareRecord share = index.createShare(IndexFixtures.newShare("a"));
        assertThat(index.share(share.id())).get().extracting(ShareRecord::label).isEqualTo("a");
        assertThat(index.shareByLocator(share.locator())).get().extracting(ShareRecord::id).isEqualTo(share.id());
        assertThat(partitions()).contains("segments_s" + share.id(), "articles_s" + share.id(),
                "files_s" + share.id(), "folders_s" + share.id());
    }

    @Test
    void numbersVersionsAndTracksThePublishedOne() {
        long id = index.createShare(IndexFixtures.newShare("v")).id();
        assertThat(index.latestVersion(id)).isEmpty();
        assertThat(index.openVersion(id)).isEqualTo(1);
        assertThat(index.openVersion(id)).isEqualTo(2);
        index.publishVersion(id, 1);
        assertThat(index.latestVersion(id)).contains(2);
        assertThat(index.latestPublishedVersion(id)).contains(1);
    }

    @Test
    void storesSegmentsAndStreamsThemBackInOrder() {
        long id = index.createShare(IndexFixtures.newShare("s")).id();
        List<SegmentRecord> written = IndexFixtures.segments(1, 7, 450, 1000);
        assertThat(index.recordSegments(id, written)).isEqualTo(written.size());
        List<SegmentRecord> read = new ArrayList<>();
        try (RowCursor<SegmentRecord> cursor = index.streamSegments(id, 1)) {
            cursor.forEach(read::add);
        }
        assertThat(read).isEqualTo(written);
    }

    @Test
    void storesHostileFileNamesExactly() {
        long id = index.createShare(IndexFixtures.newShare("names")).id();
        int v = index.openVersion(id);
        List<String> names = List.of("it's \"quoted\"", "tab\there", "new\nline", "back\\slash\\", "carriage\rreturn",
                "lone \uD800 high", "lone \uDC00 low", "emoji \uD83D\uDE00", "\u00e9t\u00e9/\u65e5\u672c",
                "percent %s and 'single'", "\u007f\u0001ctl", "trailing space ");
        List<FileRecord> files = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            files.add(IndexFixtures.file(i, names.get(i), i, 1000L + i));
        }
        index.recordFiles(id, v, files);
        index.recordFolders(id, v, List.of("dir\twith\ttabs", "d\uD801"));
        List<String> back = new ArrayList<>();
        try (RowCursor<FileRecord> cursor = index.streamFiles(id, v)) {
            cursor.forEach(f -> back.add(f.path()));
        }
        assertThat(back).isEqualTo(names);
    }

    @Test
    void refusesNulInANameWithoutLosingTheBatch() {
        long id = index.createShare(IndexFixtures.newShare("nul")).id();
        int v = index.openVersion(id);
        try (BatchedCopyWriter<FileRecord> writer = index.fileWriter(id, v)) {
            writer.add(IndexFixtures.file(0, "before", 1, 1));
            assertThatThrownBy(() -> writer.add(IndexFixtures.file(1, "bad\0name", 1, 1)))
                    .isInstanceOf(IndexException.InvalidValue.class)
                    .hasMessageContaining("NUL").hasMessageContaining("bad\\u0000name");
            writer.add(IndexFixtures.file(1, "after", 1, 1));
        }
        try (RowCursor<FileRecord> cursor = index.streamFiles(id, v)) {
            assertThat(cursor.stream().map(FileRecord::path)).containsExactly("before", "after");
        }
    }

    @Test
    void refusesOverlappingSegmentsInOneBatch() {
        long id = index.createShare(IndexFixtures.newShare("overlap")).id();
        List<SegmentRecord> rows = List.of(
                record(0, 3, 0, 100), record(1, 3, 90, 100), record(2, 3, 190, 10));
        assertThatThrownBy(() -> index.recordSegments(id, rows))
                .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("overlaps");
        assertThat(count("segments_s" + id)).isZero();
    }

    @Test
    void refusesASegmentOverlappingOneStoredEarlier() {
        long id = index.createShare(IndexFixtures.newShare("overlap2")).id();
        index.recordSegments(id, List.of(record(0, 3, 0, 100), record(2, 3, 200, 100)));
        assertThatThrownBy(() -> index.recordSegments(id, List.of(record(1, 3, 100, 101))))
                .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("overlaps");
        assertThatThrownBy(() -> index.recordSegments(id, List.of(record(1, 3, 99, 50))))
                .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("overlaps");
        index.recordSegments(id, List.of(record(1, 3, 100, 100)));
        assertThat(count("segments_s" + id)).isEqualTo(3);
    }

    @Test
    void refusesTheSameSegmentTwice() {
        long id = index.createShare(IndexFixtures.newShare("dup")).id();
        index.recordSegments(id, List.of(record(0, 1, 0, 100)));
        assertThatThrownBy(() -> index.recordSegments(id, List.of(record(0, 1, 0, 100))))
                .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("duplicate key");
    }

    @Test
    void marksArticlesInBulkAndTheLastMarkPerMessageIdWins() {
        long id = index.createShare(IndexFixtures.newShare("marks")).id();
        List<SegmentRecord> segments = IndexFixtures.segments(1, 2, 50, 100);
        index.recordSegments(id, segments);
        index.recordArticles(id, segments.stream().map(s -> ArticleRecord.planned(s, 0, IndexFixtures.messageId(s, 0)))
                .toList());
        List<ArticleMark> marks = new ArrayList<>();
        for (SegmentRecord s : segments) {
            marks.add(ArticleMark.now(IndexFixtures.messageId(s, 0), ArticleState.POSTED, "news1"));
        }
        for (SegmentRecord s : segments.subList(0, 60)) {
            marks.add(ArticleMark.now(IndexFixtures.messageId(s, 0), ArticleState.VERIFIED, ""));
        }
        marks.add(ArticleMark.now("<unknown@x>", ArticleState.VERIFIED, ""));
        // One mark recorded per Message-ID (V6 appends marks; the unknown one changes nothing).
        assertThat(index.markArticles(id, marks)).isEqualTo(101);
        Map<ArticleState, Long> counts = index.articleCounts(id, 1);
        assertThat(counts.get(ArticleState.VERIFIED)).isEqualTo(60);
        assertThat(counts.get(ArticleState.POSTED)).isEqualTo(40);
        try (RowCursor<PendingSegment> pending = index.pendingSegments(id, 1)) {
            List<PendingSegment> left = pending.stream().toList();
            assertThat(left).hasSize(40);
            assertThat(left.getFirst().latest()).get().extracting(PendingSegment.Attempt::server).isEqualTo("news1");
        }
    }

    @Test
    void listsTheVerifiedRetriesOfAVersionWithTheirHighestVerifiedAttempt() {
        long id = index.createShare(IndexFixtures.newShare("retries")).id();
        List<SegmentRecord> segments = IndexFixtures.segments(1, 2, 5, 100);
        index.recordSegments(id, segments);
        List<ArticleRecord> articles = new ArrayList<>();
        List<ArticleMark> marks = new ArrayList<>();
        for (SegmentRecord s : segments) {
            articles.add(ArticleRecord.planned(s, 0, IndexFixtures.messageId(s, 0)));
            marks.add(ArticleMark.now(IndexFixtures.messageId(s, 0), ArticleState.VERIFIED, ""));
        }
        SegmentRecord retried = segments.get(3);
        SegmentRecord retriedTwice = segments.get(7);
        SegmentRecord retryNotVerified = segments.get(8);
        for (SegmentRecord s : List.of(retried, retriedTwice, retryNotVerified)) {
            marks.add(ArticleMark.now(IndexFixtures.messageId(s, 0), ArticleState.FAILED, "news1"));
            articles.add(ArticleRecord.planned(s, 1, IndexFixtures.messageId(s, 1)));
        }
        articles.add(ArticleRecord.planned(retriedTwice, 2, IndexFixtures.messageId(retriedTwice, 2)));
        marks.add(ArticleMark.now(IndexFixtures.messageId(retried, 1), ArticleState.VERIFIED, ""));
        marks.add(ArticleMark.now(IndexFixtures.messageId(retriedTwice, 1), ArticleState.VERIFIED, ""));
        marks.add(ArticleMark.now(IndexFixtures.messageId(retriedTwice, 2), ArticleState.VERIFIED, ""));
        marks.add(ArticleMark.now(IndexFixtures.messageId(retryNotVerified, 1), ArticleState.POSTED, "news1"));
        index.recordArticles(id, articles);
        index.markArticles(id, marks);

        try (RowCursor<VerifiedRetry> retries = index.verifiedRetries(id, 1)) {
            assertThat(retries.stream().toList()).containsExactly(
                    new VerifiedRetry(retried.segment().kind(), retried.segment().blobIndex(),
                            retried.segment().index(), 1),
                    new VerifiedRetry(retriedTwice.segment().kind(), retriedTwice.segment().blobIndex(),
                            retriedTwice.segment().index(), 2));
        }
        try (RowCursor<VerifiedRetry> none = index.verifiedRetries(id, 2)) {
            assertThat(none.stream()).isEmpty();
        }
    }

    @Test
    void eachMarkKeepsItsOwnStateServerResponseAndTime() throws SQLException {
        long id = index.createShare(IndexFixtures.newShare("own")).id();
        List<SegmentRecord> segments = IndexFixtures.segments(1, 1, 30, 100);
        index.recordArticles(id, segments.stream().map(s -> ArticleRecord.planned(s, 0, IndexFixtures.messageId(s, 0)))
                .toList());
        java.time.Instant t0 = java.time.Instant.parse("2026-11-23T01:00:00Z");
        List<ArticleMark> marks = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            ArticleState state = i % 3 == 0 ? ArticleState.VERIFIED : i % 3 == 1 ? ArticleState.POSTED : ArticleState.MISSING;
            marks.add(new ArticleMark(IndexFixtures.messageId(segments.get(i), 0), state, "s" + (i % 2),
                    "r" + (i % 5) + (i == 7 ? "\0nul" : ""), t0.plusSeconds(i % 4)));
        }
        assertThat(index.markArticles(id, marks)).isEqualTo(30);
        // The attempt rows hold the marks once they are folded in (publishing a version does it).
        assertThat(index.compactMarks(id)).isEqualTo(30);
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT segment_index, state::text, server, last_response,"
                     + " extract(epoch FROM updated_at)::bigint, posted_at IS NOT NULL, verified_at IS NOT NULL"
                     + " FROM articles_s" + id + " ORDER BY segment_index")) {
            int i = 0;
            while (rs.next()) {
                ArticleMark m = marks.get(i);
                assertThat(rs.getInt(1)).isEqualTo(i);
                assertThat(rs.getString(2)).isEqualTo(m.state().label());
                assertThat(rs.getString(3)).isEqualTo(m.server());
                assertThat(rs.getString(4)).isEqualTo(m.response().replace('\0', ' '));
                assertThat(rs.getLong(5)).isEqualTo(m.at().getEpochSecond());
                assertThat(rs.getBoolean(6)).isEqualTo(m.state() == ArticleState.POSTED);
                assertThat(rs.getBoolean(7)).isEqualTo(m.state() == ArticleState.VERIFIED);
                i++;
            }
            assertThat(i).isEqualTo(30);
        }
    }

    @Test
    void refusesASecondAttemptWithTheSameMessageId() {
        long id = index.createShare(IndexFixtures.newShare("mid")).id();
        SegmentRecord s = IndexFixtures.segments(1, 1, 1, 10).getFirst();
        index.recordArticles(id, List.of(ArticleRecord.planned(s, 0, "<same@x>")));
        assertThatThrownBy(() -> index.recordArticles(id, List.of(ArticleRecord.planned(s, 1, "<same@x>"))))
                .isInstanceOf(IndexException.StorageFailed.class).hasMessageContaining("duplicate key");
    }

    @Test
    void dropsAShareWithAllItsRowsAndLeavesOthers() throws SQLException {
        long gone = index.createShare(IndexFixtures.newShare("gone")).id();
        long kept = index.createShare(IndexFixtures.newShare("kept")).id();
        for (long id : List.of(gone, kept)) {
            int v = index.openVersion(id);
            index.recordSegments(id, IndexFixtures.segments(v, 3, 10, 100));
            index.recordFiles(id, v, List.of(IndexFixtures.file(0, "f", 1, 1)));
            index.recordPacks(id, v, List.of(new PackRecord(0, 10, Optional.empty(), 2)));
        }
        assertThat(index.dropShare(gone)).isTrue();
        assertThat(index.dropShare(gone)).isFalse();
        assertThat(index.share(gone)).isEmpty();
        assertThat(partitions()).noneMatch(p -> p.endsWith("_s" + gone)).contains("segments_s" + kept);
        assertThat(count("segments")).isEqualTo(30);
        assertThat(count("packs")).isEqualTo(1);
        assertThat(count("versions")).isEqualTo(1);
    }

    @Test
    void completesTheFilesRecordedWithoutADigestAndReplacesAllOnRequest() {
        long id = index.createShare(IndexFixtures.newShare("files")).id();
        int v = index.openVersion(id);
        Sha256 digest = new Sha256(new byte[32]);
        index.recordFiles(id, v, List.of(
                new FileRecord(0, "reused", 10, 100, Optional.of(digest), BlobLocation.file(v, 0)),
                new FileRecord(1, "new", 20, 100, Optional.empty(), BlobLocation.file(v, 1))));
        assertThat(index.completeFiles(id, v, List.of(
                new FileRecord(1, "new", 20, 100, Optional.of(digest), BlobLocation.file(v, 1))))).isEqualTo(1);
        List<FileRecord> completed = new ArrayList<>();
        try (RowCursor<FileRecord> files = index.streamFiles(id, v)) {
            files.forEach(completed::add);
        }
        assertThat(completed).extracting(FileRecord::path).containsExactly("reused", "new");
        assertThat(completed).allMatch(f -> f.sha256().isPresent());

        index.replaceFiles(id, v, List.of(new FileRecord(0, "other", 5, 100, Optional.empty(), BlobLocation.file(v, 2))));
        List<FileRecord> replaced = new ArrayList<>();
        try (RowCursor<FileRecord> files = index.streamFiles(id, v)) {
            files.forEach(replaced::add);
        }
        assertThat(replaced).extracting(FileRecord::path).containsExactly("other");
    }

    @Test
    void reportsWhatChangedSinceTheLastVersion() {
        long id = index.createShare(IndexFixtures.newShare("changes")).id();
        int v = index.openVersion(id);
        Sha256 same = new Sha256(new byte[32]);
        byte[] other = new byte[32];
        other[0] = 1;
        index.recordFiles(id, v, List.of(
                new FileRecord(0, "same", 10, 100, Optional.of(same), BlobLocation.file(v, 0)),
                new FileRecord(1, "touched", 10, 100, Optional.of(same), BlobLocation.file(v, 1)),
                new FileRecord(2, "rewritten", 10, 100, Optional.of(same), BlobLocation.file(v, 2)),
                new FileRecord(3, "grown", 10, 100, Optional.of(same), BlobLocation.file(v, 3)),
                new FileRecord(4, "deleted", 10, 100, Optional.of(same), BlobLocation.file(v, 4))));
        List<io.usync.core.SourceFile> scan = List.of(
                new io.usync.core.SourceFile("same", 10, 100),
                new io.usync.core.SourceFile("touched", 10, 200),
                new io.usync.core.SourceFile("rewritten", 10, 300),
                new io.usync.core.SourceFile("grown", 11, 100),
                new io.usync.core.SourceFile("new", 5, 100));
        List<String> hashed = new ArrayList<>();
        FileChanges changes = index.changes(id, scan, f -> {
            hashed.add(f.path());
            return f.path().equals("touched") ? same : new Sha256(other);
        });
        assertThat(hashed).containsExactly("touched", "rewritten");
        assertThat(changes.added()).extracting(io.usync.core.SourceFile::path).containsExactly("new");
        assertThat(changes.modified()).extracting(io.usync.core.SourceFile::path).containsExactly("rewritten", "grown");
        assertThat(changes.unchanged()).extracting(u -> u.stored().path()).containsExactly("same", "touched");
        assertThat(changes.removed()).extracting(FileRecord::path).containsExactly("deleted");
    }

    private static SegmentRecord record(int index, int count, long offset, long length) {
        return new SegmentRecord(1, new Segment(BlobKind.FILE, 0, index, count, new ByteRange(offset, length)), 1, 0);
    }

    private List<String> partitions() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT relname FROM pg_class WHERE relispartition")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private long count(String table) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
