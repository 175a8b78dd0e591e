package io.usync.nntp.pool;

import io.usync.nntp.connection.NntpConnection;
import java.util.concurrent.atomic.AtomicBoolean;

/** A connection handed out by a {@link ServerPool}; release it exactly once when the command ends. */
public final class Lease {

    private final ServerPool pool;
    private final ServerPool.Slot slot;
    private final boolean reused;
    private final AtomicBoolean released = new AtomicBoolean();

    Lease(ServerPool pool, ServerPool.Slot slot, boolean reused) {
        this.pool = pool;
        this.slot = slot;
        this.reused = reused;
    }

    /** The leased connection. */
    public NntpConnection connection() {
        return slot.connection;
    }

    /** Whether the connection had served commands before. */
    public boolean reused() {
        return reused;
    }

    /** Returns the connection; {@code fault} marks a failure that counts against the server's circuit. */
    public void release(boolean fault) {
        if (released.compareAndSet(false, true)) {
            pool.release(this, fault);
        }
    }

    ServerPool.Slot slot() {
        return slot;
    }
}
