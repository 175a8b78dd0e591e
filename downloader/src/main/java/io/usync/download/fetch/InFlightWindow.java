package io.usync.download.fetch;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bound on articles in flight and on their decode buffers. The planning thread takes room one
 * article at a time; when the window is full it sleeps until a batch of articles has settled, so
 * the writers wake it once per batch rather than once per article (and it then sends a burst of
 * requests that leave together).
 */
final class InFlightWindow {

    private final int articles;
    private final long budgetKib;
    private final int refill;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int usedArticles;
    private long usedKib;
    /** What the sleeping planner waits for: room for this many KiB after a batch, or -1 for an empty window. */
    private long wantedKib = Long.MIN_VALUE;

    /** A window of {@code articles} articles and {@code budgetKib} KiB, refilled {@code refill} articles at a time. */
    InFlightWindow(int articles, long budgetKib, int refill) {
        if (articles < 1 || budgetKib < 1 || refill < 1 || refill > articles) {
            throw new IllegalArgumentException("invalid window");
        }
        this.articles = articles;
        this.budgetKib = budgetKib;
        this.refill = refill;
    }

    /** The KiB one article of {@code bytes} holds against the budget (never more than the whole budget). */
    long kibOf(int bytes) {
        return Math.min(budgetKib, (bytes + 1023L) >> 10);
    }

    /** Takes room for one article holding {@code kib}; when full, waits until a batch has settled. */
    void take(long kib) throws InterruptedException {
        lock.lock();
        try {
            if (usedArticles >= articles || usedKib + kib > budgetKib) {
                wantedKib = kib;
                try {
                    while (!batchFree(kib)) {
                        changed.await();
                    }
                } finally {
                    wantedKib = Long.MIN_VALUE;
                }
            }
            usedArticles++;
            usedKib += kib;
        } finally {
            lock.unlock();
        }
    }

    /** Gives back one article's room; wakes the planner only when what it waits for is there. */
    void give(long kib) {
        lock.lock();
        try {
            usedArticles--;
            usedKib -= kib;
            long wanted = wantedKib;
            if (wanted != Long.MIN_VALUE && (wanted < 0 ? usedArticles == 0 : batchFree(wanted))) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every article taken has been given back. */
    void awaitEmpty() throws InterruptedException {
        lock.lock();
        try {
            wantedKib = -1;
            try {
                while (usedArticles > 0) {
                    changed.await();
                }
            } finally {
                wantedKib = Long.MIN_VALUE;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Room for a batch of articles, the last of them holding {@code kib}. */
    private boolean batchFree(long kib) {
        return usedArticles <= articles - refill && usedKib + kib <= budgetKib;
    }
}
