package io.usync.benchmarks.indexer;

import io.usync.core.BlobKind;
import io.usync.core.ByteRange;
import io.usync.core.Segment;
import io.usync.index.ArticleMark;
import io.usync.index.ArticleRecord;
import io.usync.index.ArticleState;
import io.usync.index.BlobLocation;
import io.usync.index.FileRecord;
import io.usync.index.IndexDatabase;
import io.usync.index.IndexOptions;
import io.usync.index.NewShare;
import io.usync.index.PendingSegment;
import io.usync.index.RowCursor;
import io.usync.index.SegmentRecord;
import io.usync.index.ShareIndex;
import io.usync.index.ShareMode;
import io.usync.index.copy.BatchedCopyWriter;
import io.usync.index.copy.CopyTarget;
import io.usync.index.copy.SingleCopy;
import io.usync.index.embedded.EmbeddedPostgresOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Index throughput on the embedded PostgreSQL (durable settings; -Dusync.bench.pg=name=value,... adds
 * server settings): binary COPY of segments into the per-share partition vs batched INSERT and vs a
 * 16-way hash-partitioned layout, share removal,
 * recording 20,000 files with their segments, bulk marking, and streaming with flat memory.
 * Prints medians of several runs. Args: [runs] [segments per run] [parts: record,copy,parallel,insert,hash,files,mark,stream].
 */
public final class IndexBench {

    private static final AtomicLong LOCATORS = new AtomicLong(1);

    private final ShareIndex index;
    private final IndexDatabase database;
    private final int runs;
    private final CpuMeter cpu;

    private IndexBench(IndexDatabase database, int runs, CpuMeter cpu) {
        this.database = database;
        this.index = new ShareIndex(database);
        this.runs = runs;
        this.cpu = cpu;
    }

    /** Runs every measurement and prints the figures. */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int segments = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path xdg = Files.createTempDirectory(tmp, "usync-index-bench-");
        Files.setPosixFilePermissions(xdg, PosixFilePermissions.fromString("rwxr-xr-x"));
        EmbeddedPostgresOptions base = EmbeddedPostgresOptions.forDataHome(xdg)
                .withBinaryCache(tmp.resolve("usync-pg-binaries"));
        // -Dusync.bench.pg=name=value,... adds server settings to the embedded defaults (for A/B runs).
        Map<String, String> settings = new TreeMap<>();
        for (String kv : System.getProperty("usync.bench.pg", "").split(",")) {
            if (kv.contains("=")) {
                settings.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        EmbeddedPostgresOptions embedded = new EmbeddedPostgresOptions(base.directory(), base.binaryCache(),
                base.startTimeout(), base.lockTimeout(), base.durable(), settings);
        IndexOptions options = IndexOptions.defaults().withEmbedded(embedded);
        System.out.printf("index bench: %d runs, medians; embedded PostgreSQL (durable%s) in %s; shared 2-core machine;"
                + " load average %s%n", runs, settings.isEmpty() ? "" : ", " + settings, xdg, loadAverage());
        try (IndexDatabase database = IndexDatabase.open(options)) {
            IndexBench bench = new IndexBench(database, runs,
                    CpuMeter.forDataDirectory(embedded.directory().resolve("data")));
            String only = args.length > 2 ? args[2] : "record,copy,insert,hash,files,mark,stream";
            System.out.printf("server: wal_level %s (the embedded default; an external server keeps its own)%n",
                    bench.show("wal_level"));
            if (only.contains("record")) {
                bench.recordNewShare(segments);
            }
            if (only.contains("copy")) {
                bench.segmentCopy(segments);
            }
            if (only.contains("parallel")) {
                bench.segmentCopyTwoStreams(segments);
            }
            if (only.contains("insert")) {
                bench.batchedInsert(segments / 5);
            }
            if (only.contains("hash")) {
                bench.hashLayout(segments);
            }
            if (only.contains("files")) {
                bench.filesWithSegments(20_000);
            }
            if (only.contains("mark")) {
                bench.markVerified(segments);
            }
            if (only.contains("stream")) {
                bench.stream(segments);
            }
        } finally {
            if (Boolean.getBoolean("usync.bench.keep")) {
                System.out.println("kept " + xdg);
            } else {
                deleteTree(xdg);
            }
        }
        System.out.printf("load average at the end: %s%n", loadAverage());
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * The uploader's path: one atomic {@code recordSegments} of a new share's segments, then the same
     * number again as the share's next version, then half as many as a third version. From 100,000
     * rows of a new version (schema V8) each goes into two leaves on two backends; below that, a new
     * share's empty default leaf takes the cheap load (key built after the rows), a load at least as
     * large as that leaf rebuilds its key and a smaller one keeps it (per row).
     */
    private void recordNewShare(int n) {
        double[] rates = new double[runs];
        double[] server = new double[runs];
        double[] client = new double[runs];
        double[] appendRates = new double[runs];
        double[] appendServer = new double[runs];
        double[] smallRates = new double[runs];
        double[] smallServer = new double[runs];
        for (int r = 0; r < runs; r++) {
            long id = newShare();
            double s0 = cpu.serverSeconds();
            double c0 = CpuMeter.clientSeconds();
            long t0 = System.nanoTime();
            index.recordSegments(id, segments(n, 1));
            rates[r] = n / seconds(t0);
            server[r] = cpu.serverSeconds() - s0;
            client[r] = CpuMeter.clientSeconds() - c0;
            double s1 = cpu.serverSeconds();
            long t1 = System.nanoTime();
            index.recordSegments(id, segments(n, 2));
            appendRates[r] = n / seconds(t1);
            appendServer[r] = cpu.serverSeconds() - s1;
            double s2 = cpu.serverSeconds();
            long t2 = System.nanoTime();
            index.recordSegments(id, segments(n / 2, 3));
            smallRates[r] = n / 2 / seconds(t2);
            smallServer[r] = cpu.serverSeconds() - s2;
            index.dropShare(id);
        }
        System.out.printf("recordSegments, one atomic load into a new share's empty partition: %,.0f rows/s (%,d rows/run)%n",
                median(rates), n);
        System.out.printf("  CPU per run: server %.2f s (%,.0f rows per server CPU second), client %.2f s%n",
                median(server), n / median(server), median(client));
        System.out.printf("recordSegments of the next version into the same share (already %,d rows): %,.0f rows/s,"
                + " server CPU %.2f s%n", n, median(appendRates), median(appendServer));
        System.out.printf("recordSegments of half as many again as a third version (share holds %,d rows): %,.0f rows/s,"
                + " server CPU %.2f s%n", 2 * n, median(smallRates), median(smallServer));
    }

    private void segmentCopy(int n) {
        double[] rates = new double[runs];
        double[] drops = new double[runs];
        double[] server = new double[runs];
        double[] client = new double[runs];
        for (int r = 0; r < runs; r++) {
            long id = newShare();
            double s0 = cpu.serverSeconds();
            double c0 = CpuMeter.clientSeconds();
            long t0 = System.nanoTime();
            try (BatchedCopyWriter<SegmentRecord> writer = index.segmentWriter(id)) {
                writer.addAll(segments(n, 1));
            }
            rates[r] = n / seconds(t0);
            server[r] = cpu.serverSeconds() - s0;
            client[r] = CpuMeter.clientSeconds() - c0;
            long t1 = System.nanoTime();
            index.dropShare(id);
            drops[r] = seconds(t1) * 1000;
        }
        System.out.printf("segment COPY into per-share LIST partition (unique key + writer's overlap check), writer with %,d-row batches: %,.0f rows/s (%,d rows/run)%n",
                database.options().copyBatchRows(), median(rates), n);
        System.out.printf("  CPU per run: server %.2f s (%,.0f rows per server CPU second), client %.2f s%n",
                median(server), n / median(server), median(client));
        System.out.printf("dropShare of a %,d-segment share (DROP of its partitions): %.1f ms%n", n, median(drops));
    }

    /** The same rows through two writers on two threads (one writer per producing thread), each taking half the blobs. */
    private void segmentCopyTwoStreams(int n) throws Exception {
        double[] rates = new double[runs];
        double[] server = new double[runs];
        double[] client = new double[runs];
        List<SegmentRecord> all = segments(n, 1);
        int half = n / 2 / 1000 * 1000;
        for (int r = 0; r < runs; r++) {
            long id = newShare();
            double s0 = cpu.serverSeconds();
            double c0 = CpuMeter.clientSeconds();
            long t0 = System.nanoTime();
            java.util.concurrent.CompletableFuture<Void> second = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (BatchedCopyWriter<SegmentRecord> writer = index.segmentWriter(id)) {
                    writer.addAll(all.subList(half, n));
                }
            }, task -> Thread.ofPlatform().name("bench-copy-2").start(task));
            try (BatchedCopyWriter<SegmentRecord> writer = index.segmentWriter(id)) {
                writer.addAll(all.subList(0, half));
            }
            second.join();
            rates[r] = n / seconds(t0);
            server[r] = cpu.serverSeconds() - s0;
            client[r] = CpuMeter.clientSeconds() - c0;
            index.dropShare(id);
        }
        System.out.printf("segment COPY through two writers on two threads (half the blobs each): %,.0f rows/s (%,d rows/run)%n",
                median(rates), n);
        System.out.printf("  CPU per run: server %.2f s (%,.0f rows per server CPU second), client %.2f s%n",
                median(server), n / median(server), median(client));
    }

    private void batchedInsert(int n) throws SQLException {
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long id = newShare();
            List<SegmentRecord> rows = segments(n, 1);
            long t0 = System.nanoTime();
            try (Connection c = database.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO segments_s" + id + " (share_id, version,"
                        + " blob_kind, blob_index, segment_index, segment_count, range_offset, range_length,"
                        + " encoded_size, crc32) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int inBatch = 0;
                    for (SegmentRecord s : rows) {
                        bind(ps, id, s);
                        ps.addBatch();
                        if (++inBatch == 5000) {
                            ps.executeBatch();
                            inBatch = 0;
                        }
                    }
                    ps.executeBatch();
                }
                c.commit();
                c.setAutoCommit(true);
            }
            rates[r] = n / seconds(t0);
            index.dropShare(id);
        }
        System.out.printf("segment batched INSERT (5,000 per batch, rewritten multi-row): %,.0f rows/s (%,d rows/run)%n",
                median(rates), n);
    }

    private void hashLayout(int n) throws SQLException {
        execute("CREATE TABLE bench_hash_segments (LIKE segments INCLUDING DEFAULTS INCLUDING CONSTRAINTS,"
                + " PRIMARY KEY (share_id, version, blob_kind, blob_index, segment_index)) PARTITION BY HASH (share_id)");
        for (int p = 0; p < 16; p++) {
            execute("CREATE TABLE bench_hash_segments_p" + p + " PARTITION OF bench_hash_segments"
                    + " FOR VALUES WITH (MODULUS 16, REMAINDER " + p + ")");
        }
        // A neighbour share in the same hash partitions, as a real index would have.
        copyInto("bench_hash_segments", 999_999, segments(n, 1));
        double[] rates = new double[runs];
        double[] deletes = new double[runs];
        for (int r = 0; r < runs; r++) {
            long id = 1_000_000 + r;
            List<SegmentRecord> rows = segments(n, 1);
            long t0 = System.nanoTime();
            copyInto("bench_hash_segments", id, rows);
            rates[r] = n / seconds(t0);
            long t1 = System.nanoTime();
            execute("DELETE FROM bench_hash_segments WHERE share_id = " + id);
            deletes[r] = seconds(t1) * 1000;
        }
        execute("DROP TABLE bench_hash_segments");
        double[] listRates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long id = newShare();
            List<SegmentRecord> rows = segments(n, 1);
            long t0 = System.nanoTime();
            copyInto("segments_s" + id, id, rows);
            listRates[r] = n / seconds(t0);
            index.dropShare(id);
        }
        System.out.printf("one %,d-row COPY: per-share LIST partition %,.0f rows/s vs 16-way HASH parent (routing)"
                + " %,.0f rows/s (unique key each, no trigger: overlaps are checked by the writers since V5)%n", n, median(listRates), median(rates));
        System.out.printf("removing a %,d-segment share from the HASH layout (DELETE, before vacuum): %.1f ms%n", n,
                median(deletes));
    }

    private void copyInto(String table, long id, List<SegmentRecord> rows) throws SQLException {
        CopyTarget<SegmentRecord> target = CopyTarget.of("COPY " + table + " (share_id, version, blob_kind,"
                + " blob_index, segment_index, segment_count, range_offset, range_length, encoded_size, crc32)"
                + " FROM STDIN (FORMAT binary)", (r, out) -> {
                    Segment s = r.segment();
                    out.row(10).int8(id).int4(r.version()).int2(s.kind().ordinal()).int4(s.blobIndex())
                            .int4(s.index()).int4(s.count()).int8(s.range().offset()).int4((int) s.range().length())
                            .int4(r.encodedSize()).int4(r.crc32());
                });
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            SingleCopy.copy(c, target, rows);
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private void filesWithSegments(int files) {
        double[] millis = new double[runs];
        for (int r = 0; r < runs; r++) {
            long id = newShare();
            int v = index.openVersion(id);
            List<FileRecord> fileRows = new ArrayList<>(files);
            List<SegmentRecord> segmentRows = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                int count = f % 10 == 0 ? 20 : 1;
                fileRows.add(new FileRecord(f, "dir" + (f / 1000) + "/file-" + f + ".bin", count * 700_000L, 1_700_000_000_000L,
                        Optional.empty(), BlobLocation.file(v, f)));
                for (int s = 0; s < count; s++) {
                    segmentRows.add(new SegmentRecord(v, new Segment(BlobKind.FILE, f, s, count,
                            new ByteRange(s * 700_000L, 700_000)), 716_800, s));
                }
            }
            long t0 = System.nanoTime();
            index.recordFiles(id, v, fileRows);
            index.recordSegments(id, segmentRows);
            millis[r] = seconds(t0) * 1000;
            index.dropShare(id);
            if (r == 0) {
                System.out.printf("(files benchmark: %,d files, %,d segments per run)%n", files, segmentRows.size());
            }
        }
        System.out.printf("record %,d files with their segments: %.0f ms%n", files, median(millis));
    }

    private void markVerified(int n) {
        double[] seconds = new double[runs];
        double[] server = new double[runs];
        double[] client = new double[runs];
        double[] resume = new double[runs];
        double[] fold = new double[runs];
        double[] foldServer = new double[runs];
        for (int r = 0; r < runs; r++) {
            long id = newShare();
            List<SegmentRecord> rows = segments(n, 1);
            index.recordSegments(id, rows);
            index.recordArticles(id, new MappedList<>(rows.size(), i -> ArticleRecord.planned(rows.get(i), 0, messageId(i))));
            Instant now = Instant.now();
            // Materialized before the clock starts, as the uploader hands them over: the index is measured, not the input.
            List<ArticleMark> marks = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                marks.add(new ArticleMark(messageId(i), ArticleState.VERIFIED, "news.example", "223", now));
            }
            double s0 = cpu.serverSeconds();
            double c0 = CpuMeter.clientSeconds();
            long t0 = System.nanoTime();
            int marked = index.markArticles(id, marks);
            seconds[r] = seconds(t0);
            server[r] = cpu.serverSeconds() - s0;
            client[r] = CpuMeter.clientSeconds() - c0;
            if (marked != n) {
                throw new IllegalStateException("marked " + marked + " of " + n);
            }
            // What the marks cost later: a resume query reading through them, and folding them in (publish).
            long t1 = System.nanoTime();
            try (RowCursor<PendingSegment> pending = index.pendingSegments(id, 1)) {
                if (pending.iterator().hasNext()) {
                    throw new IllegalStateException("segments left pending after marking all verified");
                }
            }
            resume[r] = seconds(t1);
            double s1 = cpu.serverSeconds();
            long t2 = System.nanoTime();
            int folded = index.compactMarks(id);
            fold[r] = seconds(t2);
            foldServer[r] = cpu.serverSeconds() - s1;
            if (folded != n) {
                throw new IllegalStateException("folded " + folded + " of " + n);
            }
            index.dropShare(id);
        }
        System.out.printf("mark %,d articles verified (one COPY appending to the share's marks): %.2f s%n", n, median(seconds));
        System.out.printf("  CPU per run: server %.2f s, client %.2f s%n", median(server), median(client));
        System.out.printf("  then: pendingSegments through the marks %.2f s; folding them into the attempts (publish)"
                + " %.2f s, server CPU %.2f s%n", median(resume), median(fold), median(foldServer));
    }

    private void stream(int n) {
        long id = newShare();
        index.recordSegments(id, segments(n, 1));
        double[] rates = new double[runs];
        long before = 0;
        long after = 0;
        long peak = 0;
        for (int r = 0; r < runs; r++) {
            before = usedHeapAfterGc();
            peak = 0;
            long t0 = System.nanoTime();
            long count = 0;
            long checksum = 0;
            try (RowCursor<SegmentRecord> cursor = index.streamSegments(id, 1)) {
                for (SegmentRecord s : cursor) {
                    checksum += s.crc32();
                    if (++count == n / 2) {
                        peak = Math.max(peak, usedHeapAfterGc());
                    }
                }
            }
            rates[r] = count / seconds(t0);
            after = usedHeapAfterGc();
            if (count != n || checksum == 42) {
                throw new IllegalStateException("streamed " + count);
            }
        }
        index.dropShare(id);
        System.out.printf("stream %,d segments (cursor, fetch %,d): %,.0f rows/s; heap retained (after GC) before %.1f MiB,"
                        + " half-way %.1f MiB, after %.1f MiB (max heap %.0f MiB)%n", n,
                database.options().fetchSize(), median(rates), mib(before), mib(peak), mib(after),
                mib(Runtime.getRuntime().maxMemory()));
    }

    private long newShare() {
        byte[] locator = new byte[16];
        long v = LOCATORS.getAndIncrement();
        for (int i = 0; i < 8; i++) {
            locator[i] = (byte) (v >>> (8 * i));
        }
        return index.createShare(new NewShare(ShareMode.PUBLIC, locator, new byte[0], "bench", "/bench")).id();
    }

    /** {@code n} segments of 700,000-byte articles in blobs of 1,000 segments each. */
    private static List<SegmentRecord> segments(int n, int version) {
        return new MappedList<>(n, i -> new SegmentRecord(version, new Segment(BlobKind.FILE, i / 1000, i % 1000, 1000,
                new ByteRange((i % 1000) * 700_000L, 700_000)), 716_800, i));
    }

    private static String messageId(int i) {
        return "<bench" + i + "x7f3a9c2e1b@usync.bench>";
    }

    private static void bind(PreparedStatement ps, long id, SegmentRecord s) throws SQLException {
        ps.setLong(1, id);
        ps.setInt(2, s.version());
        ps.setShort(3, (short) s.segment().kind().ordinal());
        ps.setInt(4, s.segment().blobIndex());
        ps.setInt(5, s.segment().index());
        ps.setInt(6, s.segment().count());
        ps.setLong(7, s.segment().range().offset());
        ps.setInt(8, (int) s.segment().range().length());
        ps.setInt(9, s.encodedSize());
        ps.setInt(10, s.crc32());
    }

    private String show(String setting) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return usedHeap();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A list computed on access, so the inputs themselves take no memory. */
    private static final class MappedList<T> extends AbstractList<T> {
        private final int size;
        private final IntFunction<T> element;

        MappedList(int size, IntFunction<T> element) {
            this.size = size;
            this.element = element;
        }

        @Override
        public T get(int i) {
            return element.apply(i);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
