package io.usync.download.fetch;

import io.usync.download.DownloadCounts;
import io.usync.download.MissingFile;
import io.usync.download.RejectedName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Thread-safe running totals of a download, turned into report fields at the end. */
public final class DownloadTally {

    private final AtomicLong filesCompleted = new AtomicLong();
    private final AtomicLong filesSkipped = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong bytesSkipped = new AtomicLong();
    private final AtomicLong articlesFetched = new AtomicLong();
    private final AtomicLong articlesMissing = new AtomicLong();
    private final List<MissingFile> missing = new ArrayList<>();
    private final List<RejectedName> rejected = new ArrayList<>();

    /** Counts a file completed. */
    public void fileCompleted() {
        filesCompleted.incrementAndGet();
    }

    /** Counts a file skipped because it was already verified. */
    public void fileSkipped(long bytes) {
        filesSkipped.incrementAndGet();
        bytesSkipped.addAndGet(bytes);
    }

    /** Counts an article fetched and the payload bytes it wrote. */
    public void articleWritten(long bytes) {
        articlesFetched.incrementAndGet();
        bytesWritten.addAndGet(bytes);
    }

    /** Counts an article no server had intact. */
    public void articleMissing() {
        articlesMissing.incrementAndGet();
    }

    /** Records a file that could not be completed. */
    public synchronized void fileMissing(MissingFile file) {
        missing.add(file);
    }

    /** Records a refused name. */
    public synchronized void nameRejected(RejectedName name) {
        rejected.add(name);
    }

    /** Whether every planned file is in place so far: none missing, no name refused. */
    public synchronized boolean complete() {
        return missing.isEmpty() && rejected.isEmpty();
    }

    /** The files that could not be completed so far. */
    public synchronized List<MissingFile> missingFiles() {
        return List.copyOf(missing);
    }

    /** The names refused so far. */
    public synchronized List<RejectedName> rejectedNames() {
        return List.copyOf(rejected);
    }

    /** The counts so far. */
    public DownloadCounts counts() {
        return new DownloadCounts(filesCompleted.get(), filesSkipped.get(), bytesWritten.get(), bytesSkipped.get(),
                articlesFetched.get(), articlesMissing.get());
    }
}
