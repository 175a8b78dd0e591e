package io.usync.download.fetch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Fetch units made one batch at a time (the missing segments of one file or one blob) as the fetch
 * engine consumes them, so a plan of millions of segments never holds them all.
 */
public abstract class UnitBatches implements Iterator<FetchUnit> {

    private final List<FetchUnit> batch = new ArrayList<>();
    private int head;
    private boolean done;

    /** Adds the next batch's units (possibly none) to the empty {@code batch}; false when there is no next batch. */
    protected abstract boolean nextBatch(List<FetchUnit> batch);

    @Override
    public final boolean hasNext() {
        while (head >= batch.size() && !done) {
            batch.clear();
            head = 0;
            done = !nextBatch(batch);
        }
        return head < batch.size();
    }

    @Override
    public final FetchUnit next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.get(head++);
    }
}
