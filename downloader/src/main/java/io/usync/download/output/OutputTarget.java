package io.usync.download.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One file a download produces: where it goes, what it must hash to, and how many of the
 * articles that feed it are still outstanding. Bytes go to its {@link PartFile} at positional
 * offsets; when the last article is settled the file is verified and committed, or left as a part
 * file for a later run. Thread-safe.
 */
public final class OutputTarget {

    /**
     * Files at least this large are synced (by the resume log's next flush) before their "verified"
     * record is written, and a later run trusts that record; a later run re-hashes smaller share
     * files instead, and trusts smaller NZB files (no hash to check) unsynced: 20,000 fsyncs would
     * cost minutes.
     */
    public static final long SYNC_THRESHOLD = 1 << 20;

    private final int id;
    private final int stateKey;
    private final String name;
    private final Path finalPath;
    private final OptionalLong mtimeMillis;
    private final Optional<byte[]> sha256;
    private final AtomicInteger outstanding;
    private volatile int articles;
    private final AtomicInteger missing = new AtomicInteger();
    private volatile String missingReason = "";
    private long size;
    private PartFile part;
    private AnonymousFiles anonymousFiles;
    private AnonymousFile whole;
    private byte[] wholeSha256;
    private final RunningDigest digest;
    private final FileCrc crc = new FileCrc();

    /**
     * Creates a target; {@code size} is negative when only the articles will tell (NZB files),
     * {@code articles} is how many articles feed it.
     */
    public OutputTarget(TargetSpec spec, int articles) {
        this.id = spec.id();
        this.stateKey = spec.stateKey();
        this.name = spec.name();
        this.finalPath = spec.finalPath();
        this.size = spec.size();
        this.mtimeMillis = spec.mtimeMillis();
        this.sha256 = spec.sha256();
        this.digest = new RunningDigest(sha256.isPresent());
        this.outstanding = new AtomicInteger(articles);
        this.articles = articles;
    }

    /** The stable id of this file in its plan (used by the resume log). */
    public int id() {
        return id;
    }

    /** The resume-log key dropped when this file fails verification (-1 for none). */
    public int stateKey() {
        return stateKey;
    }

    /** The safe relative name shown to people. */
    public String name() {
        return name;
    }

    /** Where the verified file ends up. */
    public Path finalPath() {
        return finalPath;
    }

    /** The file's size, or -1 while unknown. */
    public synchronized long size() {
        return size;
    }

    /**
     * Why an article's {@code length} bytes at {@code offset}, from a file it says is
     * {@code fileSize} bytes, cannot go into this file (it disagrees with the size known, lies
     * outside the file, or the file is already written whole), or empty when they fit: such an
     * article is corrupt data, not an output fault.
     */
    public synchronized Optional<String> misfit(long offset, long length, long fileSize) {
        long known = size < 0 ? fileSize : size;
        if (fileSize != known) {
            return Optional.of("article claims " + fileSize + " bytes for " + name + ", expected " + known);
        }
        if (offset < 0 || length < 0 || offset > known - length) {
            return Optional.of("article's " + length + " bytes at " + offset + " lie outside " + name + " ("
                    + known + " bytes)");
        }
        if (whole != null) {
            return Optional.of("a second article for " + name + ", which one article fills");
        }
        return Optional.empty();
    }

    /**
     * Writes {@code data} at {@code offset}, opening (and sizing) the part file on first use;
     * {@code fileSize} is the size the article claims for the whole file, and {@code keeper} may
     * keep the bytes in memory until they are hashed ({@link RunningDigest}). Returns why nothing
     * was written when the bytes do not fit this file ({@link #misfit}), else empty; an I/O error
     * (disk full, permission) is thrown.
     */
    public Optional<String> write(ByteBuffer data, long offset, long fileSize, SegmentKeeper keeper) throws IOException {
        PartFile file;
        synchronized (this) {
            Optional<String> misfit = misfit(offset, data.remaining(), fileSize);
            if (misfit.isPresent()) {
                return misfit;
            }
            if (size < 0) {
                size = fileSize;
            }
            if (part == null && writeWhole(data, offset)) {
                return Optional.empty();
            }
            if (part == null) {
                part = PartFile.open(finalPath, size);
            }
            file = part;
        }
        ByteBuffer bytes = data.duplicate();
        file.write(data, offset);
        file.releaseCacheBelow(digest.written(bytes, offset, file, keeper));
        return Optional.empty();
    }

    /**
     * Lets a file that one article fills whole be written as an unnamed file and named when
     * verified (no part file to create and rename); only for a run that found no earlier state,
     * so no part file of an earlier run is left beside it.
     */
    public synchronized void offerAnonymous(AnonymousFiles files) {
        anonymousFiles = files;
    }

    /** Writes the whole file as an unnamed one when allowed and possible; false: use a part file. */
    private boolean writeWhole(ByteBuffer data, long offset) throws IOException {
        if (anonymousFiles == null || articles != 1 || offset != 0 || data.remaining() != size || size == 0
                || size >= SYNC_THRESHOLD) {
            return false;
        }
        Optional<AnonymousFile> created = anonymousFiles.create(finalPath.getParent(), data.duplicate());
        if (created.isEmpty()) {
            return false;
        }
        whole = created.get();
        if (sha256.isPresent()) {
            MessageDigest sha = PartFile.newSha256();
            sha.update(data.duplicate());
            wholeSha256 = sha.digest();
        }
        return true;
    }

    /** Records a plain yEnc part's CRC (and the whole file's, if the part gave it) for the final check. */
    public void partChecked(long offset, long length, int partCrc, java.util.OptionalInt fileCrc) {
        crc.part(offset, length, partCrc, fileCrc);
    }

    /** Sets how many articles will feed this file (before any is fetched). */
    public void expectArticles(int articles) {
        this.articles = articles;
        outstanding.set(articles);
    }

    /** How many articles feed this file in this run. */
    public int articles() {
        return articles;
    }

    /** Notes that one article feeding this file could not be fetched intact. */
    public void articleMissing(String reason) {
        missing.incrementAndGet();
        missingReason = reason;
    }

    /** Settles one article (written or missing); true when it was the last one outstanding. */
    public boolean articleSettled() {
        return outstanding.decrementAndGet() == 0;
    }

    /**
     * Whether a later run trusts this file's "verified" record in the resume log: NZB files and
     * share files of at least {@link #SYNC_THRESHOLD} bytes; smaller share files are re-hashed.
     */
    public synchronized boolean trustsResumeLog() {
        return sha256.isEmpty() || syncedBeforeItsRecord();
    }

    /** Whether this file is synced before its "verified" record is written (at least {@link #SYNC_THRESHOLD} bytes). */
    public synchronized boolean syncedBeforeItsRecord() {
        return size >= SYNC_THRESHOLD;
    }

    /** Syncs the part file's written data, if it is open. */
    public void sync() throws IOException {
        PartFile file;
        synchronized (this) {
            file = part;
        }
        if (file != null) {
            try {
                file.sync();
            } catch (ClosedChannelException e) {
                // Finished by another writer meanwhile: committed (synced there when syncing) or discarded.
            }
        }
    }

    /**
     * Finishes the file once every article is settled: an incomplete file keeps its part file;
     * a complete one is verified against its SHA-256 (if known) and renamed into place.
     */
    public synchronized TargetResult finish() {
        try {
            return settleFile();
        } finally {
            digest.discard();
        }
    }

    private TargetResult settleFile() {
        int lost = missing.get();
        if (lost > 0) {
            closePart();
            return new TargetResult.Incomplete(lost, missingReason);
        }
        if (whole != null) {
            return finishWhole();
        }
        try {
            if (part == null) {
                if (size > 0) {
                    return new TargetResult.Failed("no data was written");
                }
                part = PartFile.open(finalPath, Math.max(size, 0));
            }
            Optional<byte[]> actual = Optional.empty();
            if (sha256.isPresent()) {
                Optional<byte[]> running = digest.complete(size);
                actual = Optional.of(running.isPresent() ? running.get() : part.sha256());
            }
            Optional<TargetResult> mismatch = mismatch(actual);
            if (mismatch.isPresent()) {
                part.discard();
                part = null;
                return mismatch.get();
            }
            // Not synced here: the log flush that writes its "verified" record syncs it first (see
            // FetchEngine), and a download that completes syncs nothing (it leaves no log to trust).
            part.commit(mtimeMillis);
            part = null;
            return new TargetResult.Completed(size);
        } catch (IOException e) {
            closePart();
            return new TargetResult.Failed("cannot commit: " + e.getMessage());
        }
    }

    /** Verifies and names a file written whole as an unnamed file. */
    private TargetResult finishWhole() {
        AnonymousFile file = whole;
        whole = null;
        try (file) {
            Optional<TargetResult> mismatch = mismatch(Optional.ofNullable(wholeSha256));
            if (mismatch.isPresent()) {
                return mismatch.get();
            }
            file.commit(finalPath, mtimeMillis);
            return new TargetResult.Completed(size);
        } catch (IOException e) {
            return new TargetResult.Failed("cannot commit: " + e.getMessage());
        }
    }

    /**
     * The failure of a complete file whose SHA-256 ({@code actual}, present when one is expected)
     * or whole-file CRC-32 does not match, or empty when both do.
     */
    private Optional<TargetResult> mismatch(Optional<byte[]> actual) {
        if (sha256.isPresent() && !MessageDigest.isEqual(actual.orElseThrow(), sha256.get())) {
            return Optional.of(new TargetResult.Failed("SHA-256 mismatch; run the download again to fetch it anew"));
        }
        if (!crc.matches(size)) {
            return Optional.of(new TargetResult.Failed("whole-file CRC-32 does not match the poster's; run the "
                    + "download again to fetch it anew"));
        }
        return Optional.empty();
    }

    /** Closes the part file (if open) without committing, for an interrupted download. */
    public synchronized void closePart() {
        digest.discard();
        if (whole != null) {
            whole.close();
            whole = null;
        }
        if (part != null) {
            part.close();
            part = null;
        }
    }

    /** Whether the final file already exists with the expected size, mtime and (if asked) content. */
    public static boolean alreadyVerified(TargetSpec spec, boolean checkContent) {
        Path path = spec.finalPath();
        try {
            // A symbolic link at the final name is never taken for the file: the commit replaces it.
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || spec.size() < 0
                    || Files.size(path) != spec.size()) {
                return false;
            }
            if (spec.mtimeMillis().isPresent()
                    && !Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).equals(FileTime.fromMillis(spec.mtimeMillis().getAsLong()))) {
                return false;
            }
            if (!checkContent) {
                return true;
            }
            return spec.sha256().isPresent() && Arrays.equals(PartFile.sha256(path), spec.sha256().get());
        } catch (IOException e) {
            return false;
        }
    }
}
