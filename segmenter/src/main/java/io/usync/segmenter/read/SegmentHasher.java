package io.usync.segmenter.read;

import io.usync.segmenter.SegmenterException;

import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Feeds a blob's segment copies, in order, to its SHA-256 on a virtual thread of its own, so the
 * reading thread only copies (SHA-256 costs several times the copy); at most {@code depth} copies
 * wait, which bounds how far the reader runs ahead of the hash and so the buffers alive.
 */
final class SegmentHasher {

    /** One segment's copy to hash; {@code afterHash} runs once it is hashed. */
    private record Piece(byte[] bytes, int length, Runnable afterHash) {
    }

    private static final Piece END = new Piece(new byte[0], 0, () -> { });

    private final MessageDigest sha256 = Sha256.newDigest();
    private final ArrayBlockingQueue<Piece> queue;
    private final Thread worker;
    private volatile Throwable failure;

    /** Starts the hashing thread with room for {@code depth} waiting copies. */
    SegmentHasher(int depth) {
        this.queue = new ArrayBlockingQueue<>(Math.max(1, depth));
        this.worker = Thread.ofVirtual().name("usync-sha256").start(this::run);
    }

    private void run() {
        try {
            for (Piece p = queue.take(); p != END; p = queue.take()) {
                sha256.update(p.bytes(), 0, p.length());
                p.afterHash().run();
            }
        } catch (InterruptedException e) {
            // Abandoned by close(): the hash is not wanted any more.
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** Queues the next {@code length} bytes of {@code bytes}, waiting while {@code depth} copies are already queued. */
    void add(byte[] bytes, int length, Runnable afterHash) {
        put(new Piece(bytes, length, afterHash));
    }

    /** Waits until every queued copy is hashed and returns the SHA-256 of them all; the thread then ends. */
    byte[] digest() {
        put(END);
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        checkAlive();
        return sha256.digest();
    }

    /** Stops hashing (idempotent); copies still queued are dropped without running their {@code afterHash}. */
    void close() {
        worker.interrupt();
    }

    private void put(Piece p) {
        try {
            while (!queue.offer(p, 100, TimeUnit.MILLISECONDS)) {
                checkAlive();
                if (!worker.isAlive()) {
                    throw new SegmenterException.ReadFailed("the SHA-256 thread ended before the blob was hashed", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SegmenterException.ReadFailed("interrupted while waiting for the SHA-256 thread", e);
        }
    }

    private void checkAlive() {
        Throwable f = failure;
        if (f != null) {
            throw new SegmenterException.ReadFailed("the SHA-256 thread failed: " + f, f);
        }
    }
}
