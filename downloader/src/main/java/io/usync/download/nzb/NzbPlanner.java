package io.usync.download.nzb;

import io.usync.core.NzbFormatException;
import io.usync.core.TerminalText;
import io.usync.core.nzb.NzbFile;
import io.usync.core.nzb.NzbReader;
import io.usync.core.nzb.NzbSegment;
import io.usync.core.nzb.NzbStream;
import io.usync.core.path.SafePath;
import io.usync.download.DownloadException;
import io.usync.download.DownloadListener;
import io.usync.download.RejectedName;
import io.usync.download.fetch.DownloadTally;
import io.usync.download.fetch.FetchUnit;
import io.usync.download.fetch.UnitBatches;
import io.usync.download.output.OutputTarget;
import io.usync.download.output.PartFile;
import io.usync.download.output.ResumeLog;
import io.usync.download.output.TargetSpec;
import io.usync.download.plan.OnlyFilter;
import io.usync.download.plan.OutputPaths;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Plans an NZB download. {@link #scan} reads the NZB once (hashing it for the resume log's
 * fingerprint) to name the files and report refused names, and keeps the selected files when they
 * hold at most {@link Bounds#retainedSegments()} segments; {@link #survey} then skips verified files
 * and totals the space needed, and {@link #units} yields one {@link FetchUnit} per segment still
 * missing. An NZB with more segments is not held in memory: it is streamed again for each step.
 */
public final class NzbPlanner {

    /** What the survey found: files and declared bytes to fetch, files already done. */
    public record Survey(int files, long declaredBytes, int skippedFiles) {
    }

    /**
     * Bounds of a plan.
     *
     * @param maxArticleBytes the largest decoded article accepted
     * @param retainedSegments segments of an NZB kept in memory after the first read (more: read again)
     */
    public record Bounds(int maxArticleBytes, int retainedSegments) {

        /** Validates both bounds. */
        public Bounds {
            if (maxArticleBytes < 1 || retainedSegments < 0) {
                throw new IllegalArgumentException("invalid NZB plan bounds");
            }
        }
    }

    /** A selected file as the first read found it. */
    private record Planned(int index, TargetSpec spec, long declaredBytes, List<NzbSegment> segments) {
    }

    /**
     * The NZB as read once: the SHA-256 of its bytes (hex) and, when small enough, its selected
     * files; {@link #survey} marks those already verified.
     */
    public static final class Scan {
        private final String sha256Hex;
        private final List<Planned> planned;
        private final BitSet skipped = new BitSet();

        private Scan(String sha256Hex, List<Planned> planned) {
            this.sha256Hex = sha256Hex;
            this.planned = planned;
        }

        /** The SHA-256 of the NZB's bytes, lowercase hex. */
        public String sha256Hex() {
            return sha256Hex;
        }

        /** Whether the selected files were kept in memory (else each step streams the NZB again). */
        public boolean retained() {
            return planned != null;
        }
    }

    /** How many different files one name may carry before later ones are refused. */
    private static final int MAX_SAME_NAME = 1000;

    private final Path nzb;
    private final NzbReader reader;
    private final OutputPaths paths;
    private final Bounds bounds;
    private final Function<NzbFile, Optional<String>> yencNames;

    /**
     * Creates a planner for {@code nzb} into the output folder of {@code paths}; {@code yencNames}
     * finds a file's yEnc name (by fetching its first part) when its subject quotes no usable name.
     */
    public NzbPlanner(NzbSource source, OutputPaths paths, Bounds bounds,
            Function<NzbFile, Optional<String>> yencNames) {
        this.nzb = source.nzb();
        this.reader = source.reader();
        this.paths = paths;
        this.bounds = bounds;
        this.yencNames = yencNames;
    }

    /** Where an NZB is read from, and the hardened reader used. */
    public record NzbSource(Path nzb, NzbReader reader) {
    }

    /**
     * Reads the NZB once: hashes it, names the selected files and reports refused names to
     * {@code tally} and {@code listener}; keeps the files when they are few enough.
     */
    public Scan scan(OnlyFilter filter, DownloadTally tally, DownloadListener listener) {
        MessageDigest sha = PartFile.newSha256();
        List<Planned> planned = new ArrayList<>();
        int[] segments = new int[1];
        boolean[] keep = {true};
        Map<Path, String> taken = new HashMap<>();
        forEachFile(in -> new DigestInputStream(in, sha), (index, file) -> {
            Optional<TargetSpec> spec = decide(index, file, filter, taken, Optional.of(tally), listener);
            if (spec.isEmpty() || !keep[0]) {
                return;
            }
            segments[0] += file.segments().size();
            if (segments[0] > bounds.retainedSegments()) {
                keep[0] = false;
                planned.clear();
                return;
            }
            planned.add(new Planned(index, spec.get(), file.declaredBytes(), file.segments()));
        });
        return new Scan(HexFormat.of().formatHex(sha.digest()), keep[0] ? planned : null);
    }

    /** Skips verified files (noting them in {@code tally}) and totals the declared bytes still to fetch. */
    public Survey survey(Scan scan, OnlyFilter filter, ResumeLog log, DownloadTally tally,
            DownloadListener listener) {
        int[] counts = new int[2];
        long[] bytes = new long[1];
        if (scan.retained()) {
            for (int i = 0; i < scan.planned.size(); i++) {
                Planned p = scan.planned.get(i);
                if (verified(log, p.index(), p.spec())) {
                    scan.skipped.set(i);
                    tally.fileSkipped(0);
                    counts[1]++;
                } else {
                    counts[0]++;
                    bytes[0] += p.declaredBytes();
                }
            }
            return new Survey(counts[0], bytes[0], counts[1]);
        }
        Map<Path, String> taken = new HashMap<>();
        forEachFile(in -> in, (index, file) -> {
            // The scan reported refused names already.
            Optional<TargetSpec> spec = decide(index, file, filter, taken, Optional.empty(), listener);
            if (spec.isEmpty()) {
                return;
            }
            if (verified(log, index, spec.get())) {
                tally.fileSkipped(0);
                counts[1]++;
                return;
            }
            counts[0]++;
            bytes[0] += file.declaredBytes();
        });
        return new Survey(counts[0], bytes[0], counts[1]);
    }

    private static boolean verified(ResumeLog log, int index, TargetSpec spec) {
        return log.fileVerified(index) && Files.isRegularFile(spec.finalPath());
    }

    /** Yields the segments still to fetch (targets are created as met), from memory or a new read. */
    public Iterator<FetchUnit> units(Scan scan, OnlyFilter filter, ResumeLog log, DownloadListener listener) {
        if (scan.retained()) {
            int[] next = {0};
            return new UnitQueue(log) {
                @Override
                Optional<FileToFetch> nextFile() {
                    while (next[0] < scan.planned.size()) {
                        int i = next[0]++;
                        if (!scan.skipped.get(i)) {
                            Planned p = scan.planned.get(i);
                            return Optional.of(new FileToFetch(p.index(), p.spec(), p.segments()));
                        }
                    }
                    return Optional.empty();
                }
            };
        }
        InputStream in = open();
        NzbStream stream = reader.open(in);
        Map<Path, String> taken = new HashMap<>();
        int[] index = {-1};
        return new UnitQueue(log) {
            @Override
            Optional<FileToFetch> nextFile() {
                while (true) {
                    Optional<NzbFile> next = NzbPlanner.this.nextFile(stream);
                    if (next.isEmpty()) {
                        stream.close();
                        closeQuietly(in);
                        return Optional.empty();
                    }
                    index[0]++;
                    NzbFile file = next.get();
                    Optional<TargetSpec> spec = decide(index[0], file, filter, taken, Optional.empty(), listener);
                    if (spec.isPresent() && !verified(log, index[0], spec.get())) {
                        return Optional.of(new FileToFetch(index[0], spec.get(), file.segments()));
                    }
                }
            }
        };
    }

    /** A file whose missing segments become units. */
    private record FileToFetch(int index, TargetSpec spec, List<NzbSegment> segments) {
    }

    /** Turns files into the units of their segments not yet written, one file at a time. */
    private abstract class UnitQueue extends UnitBatches {
        private final ResumeLog log;

        UnitQueue(ResumeLog log) {
            this.log = log;
        }

        /** The next file to fetch, or empty at the end. */
        abstract Optional<FileToFetch> nextFile();

        @Override
        protected boolean nextBatch(List<FetchUnit> batch) {
            Optional<FileToFetch> next = nextFile();
            if (next.isEmpty()) {
                return false;
            }
            FileToFetch file = next.get();
            OutputTarget target = new OutputTarget(file.spec(), 0);
            List<NzbSegment> segments = file.segments();
            for (int s = 0; s < segments.size(); s++) {
                if (!log.segmentDone(file.index(), s)) {
                    NzbSegment seg = segments.get(s);
                    batch.add(new NzbUnit(seg.messageId(), target, s, capacity(seg)));
                }
            }
            target.expectArticles(batch.size());
            return true;
        }
    }

    private int capacity(NzbSegment segment) {
        long hint = segment.bytes() <= 0 ? bounds.maxArticleBytes() : segment.bytes() + segment.bytes() / 8 + 4096;
        return (int) Math.min(bounds.maxArticleBytes(), Math.max(hint, 256 << 10));
    }

    /** The output file for an NZB file, or empty when its name is refused or it is not selected. */
    private Optional<TargetSpec> decide(int index, NzbFile file, OnlyFilter filter, Map<Path, String> taken,
            Optional<DownloadTally> tally, DownloadListener listener) {
        if (file.segments().isEmpty()) {
            return Optional.empty();
        }
        Optional<SafePath.Safe> safe = Optional.empty();
        Optional<String> quoted = file.quotedName();
        if (quoted.isPresent()) {
            safe = resolve(quoted.get(), tally, listener);
        }
        if (safe.isEmpty()) {
            Optional<String> yenc = yencNames.apply(file);
            if (yenc.isPresent()) {
                safe = resolve(yenc.get(), tally, listener);
            }
        }
        if (safe.isEmpty()) {
            if (quoted.isEmpty()) {
                tally.ifPresent(t -> t.nameRejected(new RejectedName(clip(file.subject()), "no usable file name")));
            }
            return Optional.empty();
        }
        if (!filter.selects(safe.get().relative())) {
            return Optional.empty();
        }
        String firstId = file.segments().getFirst().messageId();
        String holder = taken.putIfAbsent(safe.get().path(), firstId);
        if (holder != null) {
            if (holder.equals(firstId)) {
                return Optional.empty(); // the same file listed twice: fetch it once
            }
            String name = safe.get().relative();
            safe = distinctName(safe.get(), firstId, taken);
            if (safe.isEmpty()) {
                tally.ifPresent(t -> t.nameRejected(new RejectedName(clip(name),
                        "more than " + MAX_SAME_NAME + " different files carry this name")));
                return Optional.empty();
            }
        }
        return Optional.of(new TargetSpec(index, safe.get().relative(), safe.get().path(), -1, OptionalLong.empty(),
                Optional.empty(), index));
    }

    /**
     * A different file under a name already taken (two folders' {@code x.bin} in one plain NZB) is
     * written as {@code x (2).bin}, {@code x (3).bin}, ... rather than dropped; the order of the NZB
     * decides, so every pass over it picks the same names.
     */
    private Optional<SafePath.Safe> distinctName(SafePath.Safe taken, String firstId, Map<Path, String> names) {
        String name = taken.path().getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; n <= MAX_SAME_NAME; n++) {
            if (paths.resolveFile(stem + " (" + n + ")" + extension) instanceof SafePath.Safe s
                    && names.putIfAbsent(s.path(), firstId) == null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** NZB names are single file names: separators become '_' before the safety check. */
    private Optional<SafePath.Safe> resolve(String name, Optional<DownloadTally> tally, DownloadListener listener) {
        String flat = name.strip().replace('/', '_').replace('\\', '_');
        return switch (paths.resolveFile(flat)) {
            case SafePath.Safe s -> Optional.of(s);
            case SafePath.Rejected r -> {
                tally.ifPresent(t -> {
                    t.nameRejected(new RejectedName(r.printableName(), r.reason()));
                    listener.nameRejected(r.printableName(), r.reason());
                });
                yield Optional.empty();
            }
        };
    }

    private static String clip(String s) {
        String printable = TerminalText.printable(s);
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }

    @FunctionalInterface
    private interface FileVisitor {
        void visit(int index, NzbFile file);
    }

    private void forEachFile(UnaryOperator<InputStream> wrap, FileVisitor visitor) {
        try (InputStream in = wrap.apply(open()); NzbStream stream = reader.open(in)) {
            int index = 0;
            for (Optional<NzbFile> f = nextFile(stream); f.isPresent(); f = nextFile(stream)) {
                visitor.visit(index++, f.get());
            }
        } catch (IOException e) {
            throw new DownloadException.BadInput("cannot read " + nzb + ": " + e.getMessage(), e);
        }
    }

    private Optional<NzbFile> nextFile(NzbStream stream) {
        try {
            return stream.nextFile();
        } catch (NzbFormatException e) {
            throw new DownloadException.BadInput(nzb.getFileName() + " is not a usable NZB: " + e.getMessage(), e);
        }
    }

    private InputStream open() {
        try {
            return new BufferedInputStream(Files.newInputStream(nzb), 1 << 16);
        } catch (IOException e) {
            throw new DownloadException.BadInput("cannot read " + nzb + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
