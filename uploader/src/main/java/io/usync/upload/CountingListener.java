package io.usync.upload;

import java.util.concurrent.atomic.LongAdder;

/** Forwards to the caller's listener and counts what the report needs. */
final class CountingListener implements UploadListener {

    private final UploadListener delegate;
    final LongAdder posted = new LongAdder();
    final LongAdder reposts = new LongAdder();
    final LongAdder failures = new LongAdder();

    /** Wraps {@code delegate}. */
    CountingListener(UploadListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void planned(long files, long bytes, long articlesToPost, long bytesToPost) {
        delegate.planned(files, bytes, articlesToPost, bytesToPost);
    }

    @Override
    public void phase(UploadPhase phase) {
        delegate.phase(phase);
    }

    @Override
    public void articlePosted(long payloadBytes) {
        posted.increment();
        delegate.articlePosted(payloadBytes);
    }

    @Override
    public void repost() {
        reposts.increment();
        delegate.repost();
    }

    @Override
    public void failure(String reason) {
        failures.increment();
        delegate.failure(reason);
    }
}
