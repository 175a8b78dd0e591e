package io.usync.index;

import io.usync.core.SourceFile;
import io.usync.index.copy.BatchedCopyWriter;
import io.usync.index.copy.SingleCopy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The index of shares over an {@link IndexDatabase}: shares and versions, binary COPY writers for
 * folders, files, segments and article attempts, bulk state changes, streaming readers, resume
 * and change queries, and constant-time share removal. Thread-safe; writers and cursors are not.
 */
public final class ShareIndex {

    private final DataSource dataSource;
    private final IndexOptions options;
    private final Transactions transactions;
    private final IndexReaders readers;
    private final VersionLeafLoad leafLoad;

    /** An index over {@code database}'s pool and options. */
    public ShareIndex(IndexDatabase database) {
        this(database.dataSource(), database.options());
    }

    /** An index over any data source holding the migrated schema (tests, tools). */
    public ShareIndex(DataSource dataSource, IndexOptions options) {
        this.dataSource = dataSource;
        this.options = options;
        this.transactions = new Transactions(dataSource, options.transactionRetries());
        this.readers = new IndexReaders(dataSource, options.fetchSize());
        this.leafLoad = new VersionLeafLoad(dataSource);
    }

    /** Creates a share and its partitions in one transaction. */
    public ShareRecord createShare(NewShare share) {
        return transactions.run("create share", c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO shares (kind, locator, public_key_material,"
                    + " label, source_root) VALUES (?, ?, ?, ?, ?) RETURNING share_id")) {
                ps.setString(1, share.mode().name());
                ps.setBytes(2, share.locator());
                ps.setBytes(3, share.publicKeyMaterial());
                ps.setString(4, share.label());
                ps.setString(5, share.sourceRoot());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT usync_attach_share(?)")) {
                ps.setLong(1, id);
                ps.execute();
            }
            return IndexReaders.share(c, "share_id = ?", ps -> ps.setLong(1, id)).orElseThrow();
        });
    }

    /** The share with this id, if stored. */
    public Optional<ShareRecord> share(long shareId) {
        return transactions.run("read share", c -> IndexReaders.share(c, "share_id = ?", ps -> ps.setLong(1, shareId)));
    }

    /** The share with this locator, if stored. */
    public Optional<ShareRecord> shareByLocator(byte[] locator) {
        return transactions.run("read share",
                c -> IndexReaders.share(c, "locator = ?", ps -> ps.setBytes(1, locator.clone())));
    }

    /** Every share, oldest first. */
    public List<ShareRecord> shares() {
        return transactions.run("list shares", IndexReaders::shares);
    }

    /** Sets a share's status. */
    public void setStatus(long shareId, ShareStatus status) {
        update("set share status", "UPDATE shares SET status = ? WHERE share_id = ?", status.name(), shareId);
    }

    /** Replaces a share's public key material (a private share's recipients grow with a version). */
    public void setPublicKeyMaterial(long shareId, byte[] material) {
        update("set share key material", "UPDATE shares SET public_key_material = ? WHERE share_id = ?",
                material.clone(), shareId);
    }

    /** Opens the share's next version (1 for a new share) and returns its number. */
    public int openVersion(long shareId) {
        return transactions.run("open version", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM shares WHERE share_id = ? FOR UPDATE")) {
                lock.setLong(1, shareId);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw new IndexException.InvalidValue("no share " + shareId + " in the index");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO versions (share_id, version)"
                    + " SELECT ?, coalesce(max(version), 0) + 1 FROM versions WHERE share_id = ? RETURNING version")) {
                ps.setLong(1, shareId);
                ps.setLong(2, shareId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * Marks a version published (its manifest is on the servers) and, in the same transaction, folds
     * the share's article marks into its attempt rows ({@link #compactMarks}).
     */
    public void publishVersion(long shareId, int version) {
        transactions.run("publish version", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE versions SET status = 'PUBLISHED',"
                    + " published_at = now() WHERE share_id = ? AND version = ?")) {
                ps.setLong(1, shareId);
                ps.setInt(2, version);
                ps.executeUpdate();
            }
            return ArticleStates.fold(c, shareId);
        });
    }

    /** The newest version of the share, whatever its status. */
    public Optional<Integer> latestVersion(long shareId) {
        return transactions.run("read versions", c -> IndexReaders.latestVersion(c, shareId, false));
    }

    /** The newest published version of the share. */
    public Optional<Integer> latestPublishedVersion(long shareId) {
        return transactions.run("read versions", c -> IndexReaders.latestVersion(c, shareId, true));
    }

    /** Records a version's folders (relative paths, including empty folders) with one COPY. */
    public long recordFolders(long shareId, int version, Collection<String> paths) {
        return copyAtomically("record folders", IndexCopyTargets.folders(shareId, version), paths);
    }

    /** Records a version's packs. */
    public void recordPacks(long shareId, int version, Collection<PackRecord> packs) {
        transactions.run("record packs", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO packs (share_id, version, pack_index, size,"
                    + " sha256, entries) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (PackRecord p : packs) {
                    ps.setLong(1, shareId);
                    ps.setInt(2, version);
                    ps.setInt(3, p.packIndex());
                    ps.setLong(4, p.size());
                    ps.setBytes(5, p.sha256().map(Sha256::bytes).orElse(null));
                    ps.setInt(6, p.entries());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** A batched binary COPY writer of a version's files (close it to commit the last batch). */
    public BatchedCopyWriter<FileRecord> fileWriter(long shareId, int version) {
        return writer(IndexCopyTargets.files(shareId, version));
    }

    /** A batched binary COPY writer of a share's segments. */
    public BatchedCopyWriter<SegmentRecord> segmentWriter(long shareId) {
        return writer(IndexCopyTargets.segments(shareId, dataSource));
    }

    /** A batched binary COPY writer of a share's article attempts. */
    public BatchedCopyWriter<ArticleRecord> articleWriter(long shareId) {
        return writer(IndexCopyTargets.articles(shareId));
    }

    /**
     * Records files with one binary COPY in one transaction, all or nothing; returns the number
     * stored. The rows are iterated again if the transaction is retried after a deadlock.
     */
    public long recordFiles(long shareId, int version, Iterable<FileRecord> files) {
        return copyAtomically("record files", IndexCopyTargets.files(shareId, version), files);
    }

    /**
     * Replaces every file row of a version by {@code files} in one transaction, all or nothing: an
     * unpublished version's intent recorded again after its folder changed.
     */
    public long replaceFiles(long shareId, int version, Iterable<FileRecord> files) {
        return replaceFiles("replace files", shareId, version, "", files);
    }

    /**
     * Replaces the file rows of a version recorded without a digest (an intent's new files) by
     * {@code files}, the version's files with their digests, in one transaction, all or nothing.
     */
    public long completeFiles(long shareId, int version, Iterable<FileRecord> files) {
        return replaceFiles("complete files", shareId, version, " AND sha256 IS NULL", files);
    }

    private long replaceFiles(String what, long shareId, int version, String condition, Iterable<FileRecord> files) {
        return transactions.run(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM files WHERE share_id = ? AND version = ?"
                    + condition)) {
                ps.setLong(1, shareId);
                ps.setInt(2, version);
                ps.executeUpdate();
            }
            return files instanceof Collection<?> none && none.isEmpty() ? 0L
                    : SingleCopy.copy(c, IndexCopyTargets.files(shareId, version), files);
        });
    }

    /**
     * Records segments with one binary COPY in one transaction, all or nothing; returns the number
     * stored. The rows are iterated again if the transaction is retried after a deadlock. A large
     * collection of one version new to the share (schema V8) is copied on two connections at once
     * into two leaves attached in one commit ({@link VersionLeafLoad}), still all or nothing.
     */
    public long recordSegments(long shareId, Iterable<SegmentRecord> segments) {
        if (segments instanceof Collection<SegmentRecord> known) {
            OptionalLong loaded = leafLoad.load(shareId, known);
            if (loaded.isPresent()) {
                return loaded.getAsLong();
            }
        }
        long rows = segments instanceof Collection<?> known ? known.size() : -1;
        return copyAtomically("record segments", IndexCopyTargets.segments(shareId, dataSource, rows), segments);
    }

    /**
     * Records article attempts with one binary COPY in one transaction, all or nothing; returns the number
     * stored. The rows are iterated again if the transaction is retried after a deadlock.
     */
    public long recordArticles(long shareId, Iterable<ArticleRecord> articles) {
        return copyAtomically("record articles", IndexCopyTargets.articles(shareId), articles);
    }

    /**
     * Records state changes in bulk: one binary COPY appends them to the share's marks (schema V6),
     * under a batch number later than every earlier call's; when a Message-ID appears more than once
     * the last mark wins. Readers apply the marks; {@link #publishVersion} folds them into the
     * attempts. A mark whose Message-ID names no attempt is kept until then and changes nothing.
     * Returns the marks recorded (one per Message-ID).
     */
    public int markArticles(long shareId, List<ArticleMark> marks) {
        if (marks.isEmpty()) {
            return 0;
        }
        List<ArticleMark> unique = ArticleMarks.lastPerMessageId(marks);
        return transactions.run("mark articles", c -> {
            long batch = ArticleStates.nextBatch(c);
            return (int) SingleCopy.copy(c, IndexCopyTargets.marks(shareId, batch), unique);
        });
    }

    /**
     * Applies the share's recorded marks to its attempt rows and deletes them (what
     * {@link #publishVersion} does); marks made meanwhile wait. Returns the attempts updated.
     */
    public int compactMarks(long shareId) {
        return transactions.run("compact marks", c -> ArticleStates.fold(c, shareId));
    }

    /** Streams a version's segments in blob order through a server-side cursor. */
    public RowCursor<SegmentRecord> streamSegments(long shareId, int version) {
        return readers.segments(shareId, version);
    }

    /** Streams a version's files in file-index order through a server-side cursor. */
    public RowCursor<FileRecord> streamFiles(long shareId, int version) {
        return readers.files(shareId, version);
    }

    /** Streams the version's segments that have no verified latest attempt: what a resume must still do. */
    public RowCursor<PendingSegment> pendingSegments(long shareId, int version) {
        return readers.pending(shareId, version);
    }

    /**
     * Streams the segments of {@code version} whose verified article is a retry (attempt above 0),
     * with that attempt: the exceptions a manifest lists, also for blobs later versions reuse.
     */
    public RowCursor<VerifiedRetry> verifiedRetries(long shareId, int version) {
        return readers.verifiedRetries(shareId, version);
    }

    /** Counts a version's article attempts by state (for progress and reports). */
    public java.util.Map<ArticleState, Long> articleCounts(long shareId, int version) {
        return transactions.run("count articles", c -> IndexReaders.articleCounts(c, shareId, version));
    }

    /**
     * Compares a scanned folder with the newest version: size and mtime decide when both match,
     * a size change means modified, and a size match with another mtime is settled by the hash.
     */
    public FileChanges changes(long shareId, List<SourceFile> onDisk, ContentHasher hasher) {
        Optional<Integer> last = latestVersion(shareId);
        if (last.isEmpty()) {
            return new FileChanges(onDisk, List.of(), List.of(), List.of());
        }
        try (RowCursor<FileRecord> stored = streamFiles(shareId, last.get())) {
            return ChangeDetection.compare(onDisk, stored, hasher);
        }
    }

    /** Removes a share and everything recorded for it by dropping its partitions; false if absent. */
    public boolean dropShare(long shareId) {
        return transactions.run("drop share", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT usync_drop_share(?)")) {
                ps.setLong(1, shareId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    private <T> BatchedCopyWriter<T> writer(io.usync.index.copy.CopyTarget<T> target) {
        return new BatchedCopyWriter<>(dataSource, target, options.copyBatchRows(), options.copyBatchInterval());
    }

    private <T> long copyAtomically(String what, io.usync.index.copy.CopyTarget<T> target, Iterable<? extends T> rows) {
        if (rows instanceof Collection<?> c && c.isEmpty()) {
            return 0;
        }
        // Rows must be iterable more than once: a deadlock or serialization failure reruns the COPY.
        return transactions.run(what, c -> SingleCopy.copy(c, target, rows));
    }

    private void update(String what, String sql, Object... args) {
        transactions.run(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }
}
