package io.usync.nntp.pool;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.usync.nntp.NntpConnectException;
import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpException;
import io.usync.nntp.NntpPoolOptions;
import io.usync.nntp.NntpServerOptions;
import io.usync.nntp.NntpUnavailableException;
import io.usync.nntp.connection.NntpConnection;
import io.usync.nntp.connection.NntpConnector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections to one server: shared leases up to the pipeline depth for BODY/STAT, exclusive
 * leases for POST, bounded waiters with a timeout, idle and life-time eviction, DATE after idle,
 * jittered backoff after failed connects, a circuit breaker, and a connection cap that shrinks when
 * the server says it has too many.
 */
public final class ServerPool implements AutoCloseable {

    /** One open connection and how it is leased. */
    static final class Slot {
        final NntpConnection connection;
        int leases;
        boolean exclusive;
        boolean used;

        Slot(NntpConnection connection) {
            this.connection = connection;
        }
    }

    private record Waiter(boolean exclusive, CompletableFuture<Lease> future, long deadlineNanos) {
    }

    private final NntpConnector connector;
    private final NntpServerOptions server;
    private final NntpPoolOptions options;
    private final NntpEventListener listener;
    private final CircuitBreaker breaker;
    private final CircuitStates circuit;
    private final EventLoopGroup timers;
    private final Backoff backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Slot> slots = new ArrayList<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final ScheduledFuture<?> sweeper;
    private int opening;
    private int limit;
    private long shrinkUntilNanos;
    private long nextConnectNanos;
    private long backoffSetNanos;
    private int failures;
    private boolean retryScheduled;
    private boolean closed;
    private volatile int load;
    private volatile NntpException connectFault;

    /** Creates the pool; {@code timers} runs eviction and waiter deadlines. */
    public ServerPool(NntpConnector connector, NntpEventListener listener, CircuitBreaker breaker,
            EventLoopGroup timers) {
        this.connector = connector;
        this.server = connector.server();
        this.options = server.pool();
        this.listener = listener;
        this.breaker = breaker;
        this.circuit = new CircuitStates(server.name(), breaker, listener);
        this.timers = timers;
        this.backoff = new Backoff(options.backoffBase(), options.backoffMax());
        this.limit = options.maxConnections();
        long period = Math.max(50, Math.min(1000, options.maxIdleTime().toMillis() / 2));
        this.sweeper = timers.next().scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** The server's options. */
    public NntpServerOptions server() {
        return server;
    }

    /** Leased commands plus waiters: the load used for least-in-flight selection. */
    public int load() {
        return load;
    }

    /** Connections open now. */
    public int openConnections() {
        lock.lock();
        try {
            return slots.size();
        } finally {
            lock.unlock();
        }
    }

    /** The current connection cap (below maxConnections while shrunk). */
    public int connectionLimit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the circuit lets calls through. */
    public boolean available() {
        return breaker.getState() != CircuitBreaker.State.OPEN && breaker.getState() != CircuitBreaker.State.FORCED_OPEN;
    }

    /**
     * Leases a connection: shared (pipelined) or exclusive (POST); while the circuit is open it
     * fails at once with {@link NntpUnavailableException}, whose cause is the last connect fault
     * when the last attempt to connect failed.
     */
    public CompletableFuture<Lease> acquire(boolean exclusive) {
        boolean permitted = breaker.tryAcquirePermission();
        circuit.check();
        if (!permitted) {
            // The cause says why when the server could not be connected (the uploader tells an
            // unreachable server from one that went away by it).
            return CompletableFuture.failedFuture(new NntpUnavailableException("Server " + server.name()
                    + " is paused after repeated failures (circuit open); using other servers", connectFault, true));
        }
        CompletableFuture<Lease> future = new CompletableFuture<>();
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                breaker.releasePermission();
                return CompletableFuture.failedFuture(new NntpUnavailableException("The pool of " + server.name()
                        + " is closed"));
            }
            if (waiters.size() >= options.pendingAcquireMaxCount() + (canOpen() ? 1 : 0)
                    && pick(exclusive) == null) {
                breaker.releasePermission();
                return CompletableFuture.failedFuture(new NntpUnavailableException("Too many callers wait for a "
                        + "connection to " + server.name() + " (pendingAcquireMaxCount "
                        + options.pendingAcquireMaxCount() + "); slow down or raise the bound"));
            }
            waiters.add(new Waiter(exclusive, future,
                    System.nanoTime() + options.pendingAcquireTimeout().toNanos()));
            dispatch(after);
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
        if (!future.isDone()) {
            timers.next().schedule(() -> expire(future), options.pendingAcquireTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        return future;
    }

    /**
     * Opens connections up to the cap ahead of demand, so greeting and login overlap the caller's
     * own start-up; they wait idle for the first commands. Does nothing while backing off, while
     * the circuit is open, or once closed.
     */
    public void openAhead() {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (closed || !available() || System.nanoTime() - nextConnectNanos < 0) {
                return;
            }
            long now = System.nanoTime();
            for (int i = slots.size() + opening; i < limit; i++) {
                opening++;
                after.add(() -> open(now));
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    private void expire(CompletableFuture<Lease> future) {
        boolean removed;
        lock.lock();
        try {
            removed = waiters.removeIf(w -> w.future == future);
            updateLoad();
        } finally {
            lock.unlock();
        }
        if (removed) {
            breaker.releasePermission();
            future.completeExceptionally(new NntpUnavailableException("No connection to " + server.name()
                    + " within " + options.pendingAcquireTimeout().toMillis() + " ms (pendingAcquireTimeout)"));
        }
    }

    /** Hands out connections to waiters and opens new ones; callbacks are collected to run unlocked. */
    private void dispatch(List<Runnable> after) {
        Iterator<Waiter> it = waiters.iterator();
        boolean exclusiveWaiting = false;
        while (it.hasNext()) {
            Waiter w = it.next();
            Slot slot = pick(w.exclusive, !exclusiveWaiting);
            if (slot == null) {
                exclusiveWaiting |= w.exclusive;
                continue;
            }
            it.remove();
            slot.leases++;
            slot.exclusive = w.exclusive;
            boolean reused = slot.used;
            slot.used = true;
            Lease lease = new Lease(this, slot, reused);
            after.add(() -> handOut(lease, w.future));
        }
        int wanted = Math.min(waiters.size(), limit - slots.size()) - opening;
        long now = System.nanoTime();
        if (wanted > 0 && now - nextConnectNanos < 0) {
            scheduleRetry(after);
            wanted = 0;
        }
        for (int i = 0; i < wanted; i++) {
            opening++;
            after.add(() -> open(now));
        }
        updateLoad();
    }

    private boolean canOpen() {
        return slots.size() + opening < limit;
    }

    private Slot pick(boolean exclusive) {
        return pick(exclusive, true);
    }

    /** The least-leased usable slot; {@code allowIdle} false keeps idle ones for a waiting POST. */
    private Slot pick(boolean exclusive, boolean allowIdle) {
        Slot best = null;
        for (Slot s : slots) {
            if (!s.connection.isOpen() || s.exclusive || (!allowIdle && s.leases == 0)) {
                continue;
            }
            if (exclusive ? s.leases == 0 : s.leases < server.pipelineDepth()) {
                if (best == null || s.leases < best.leases) {
                    best = s;
                }
            }
        }
        return best;
    }

    private void handOut(Lease lease, CompletableFuture<Lease> future) {
        NntpConnection connection = lease.connection();
        long idle = System.nanoTime() - connection.lastUsedNanos();
        if (lease.slot().leases == 1 && idle > options.healthCheckAfterIdle().toNanos()) {
            connection.date().whenComplete((reply, error) -> {
                if (error == null && reply.code() == 111) {
                    deliver(lease, future);
                } else {
                    listener.onEviction(server.name(), "failed DATE health check after idle");
                    retire(lease);
                    reacquire(lease.slot().exclusive, future);
                }
            });
            return;
        }
        deliver(lease, future);
    }

    private void deliver(Lease lease, CompletableFuture<Lease> future) {
        listener.onAcquire(server.name(), lease.reused());
        if (!future.complete(lease)) {
            lease.release(false);
        }
    }

    private void reacquire(boolean exclusive, CompletableFuture<Lease> future) {
        breaker.releasePermission();
        acquire(exclusive).whenComplete((l, e) -> {
            if (e != null) {
                future.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            } else if (!future.complete(l)) {
                l.release(false);
            }
        });
    }

    private void retire(Lease lease) {
        lock.lock();
        try {
            slots.remove(lease.slot());
            updateLoad();
        } finally {
            lock.unlock();
        }
        lease.connection().abort();
    }

    /**
     * Opens one connection of a batch the pool decided on at {@code started}: the batch's connects
     * are one try for the backoff, also when a connect fails before the next one starts (a host
     * name that does not resolve fails at once).
     */
    private void open(long started) {
        connector.connect().whenComplete((connection, error) -> {
            List<Runnable> after = new ArrayList<>();
            List<CompletableFuture<Lease>> failed = new ArrayList<>();
            NntpException cause = error == null ? null : unwrap(error);
            lock.lock();
            try {
                opening--;
                if (closed) {
                    if (connection != null) {
                        after.add(connection::close);
                    }
                } else if (connection != null) {
                    failures = 0;
                    connectFault = null;
                    slots.add(new Slot(connection));
                    connection.closeFuture().thenRun(() -> onClosed(connection));
                } else {
                    connectFault = cause;
                    if (failures == 0 || started - backoffSetNanos >= 0) {
                        // Connects already under way when the last one failed are the same try:
                        // only one started after that backoff was set makes the next one longer
                        // (eight parallel failures are not eight consecutive ones).
                        failures++;
                        Duration delay = backoff.delay(failures);
                        backoffSetNanos = System.nanoTime();
                        nextConnectNanos = backoffSetNanos + delay.toNanos();
                        after.add(() -> listener.onBackoff(server.name(), delay));
                    }
                    if (cause instanceof NntpConnectException c && c.tooManyConnections()) {
                        limit = Math.max(1, slots.size());
                        shrinkUntilNanos = System.nanoTime() + options.shrinkHold().toNanos();
                    }
                    if (slots.isEmpty() && opening == 0) {
                        for (Waiter w : waiters) {
                            failed.add(w.future);
                        }
                        waiters.clear();
                    }
                }
                dispatch(after);
            } finally {
                lock.unlock();
            }
            if (cause != null) {
                if (!(cause instanceof NntpConnectException c && c.tooManyConnections())) {
                    breaker.onError(0, TimeUnit.NANOSECONDS, cause);
                    circuit.check();
                }
                for (CompletableFuture<Lease> f : failed) {
                    breaker.releasePermission();
                    f.completeExceptionally(cause);
                }
            }
            after.forEach(Runnable::run);
        });
    }

    private void scheduleRetry(List<Runnable> after) {
        if (retryScheduled) {
            return;
        }
        retryScheduled = true;
        long delay = Math.max(1, nextConnectNanos - System.nanoTime());
        after.add(() -> timers.next().schedule(() -> {
            List<Runnable> later = new ArrayList<>();
            lock.lock();
            try {
                retryScheduled = false;
                dispatch(later);
            } finally {
                lock.unlock();
            }
            later.forEach(Runnable::run);
        }, delay, TimeUnit.NANOSECONDS));
    }

    private void onClosed(NntpConnection connection) {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            slots.removeIf(s -> s.connection == connection);
            dispatch(after);
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    void release(Lease lease, boolean fault) {
        if (fault) {
            breaker.onError(0, TimeUnit.NANOSECONDS, new NntpUnavailableException("command fault"));
        } else {
            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        }
        circuit.check();
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            Slot slot = lease.slot();
            slot.leases--;
            if (slot.leases == 0) {
                slot.exclusive = false;
            }
            boolean old = System.nanoTime() - slot.connection.createdNanos() > options.maxLifeTime().toNanos();
            if (!slot.connection.isOpen() || (slot.leases == 0 && (old || slots.size() > limit))) {
                slots.remove(slot);
                after.add(slot.connection::close);
                if (slot.connection.isOpen()) {
                    after.add(() -> listener.onEviction(server.name(), old ? "max life time" : "pool shrunk"));
                }
            }
            dispatch(after);
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    private void sweep() {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            long now = System.nanoTime();
            Iterator<Slot> it = slots.iterator();
            while (it.hasNext()) {
                Slot s = it.next();
                if (s.leases > 0) {
                    continue;
                }
                String reason = null;
                if (!s.connection.isOpen()) {
                    reason = "closed by server";
                } else if (now - s.connection.lastUsedNanos() > options.maxIdleTime().toNanos()) {
                    reason = "max idle time";
                } else if (now - s.connection.createdNanos() > options.maxLifeTime().toNanos()) {
                    reason = "max life time";
                }
                if (reason != null) {
                    it.remove();
                    String why = reason;
                    after.add(() -> listener.onEviction(server.name(), why));
                    after.add(s.connection::close);
                }
            }
            if (limit < options.maxConnections() && now - shrinkUntilNanos > 0) {
                limit++;
                shrinkUntilNanos = now + options.shrinkHold().toNanos();
            }
            expireWaiters(now, after);
            dispatch(after);
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
    }

    private void expireWaiters(long now, List<Runnable> after) {
        Iterator<Waiter> it = waiters.iterator();
        while (it.hasNext()) {
            Waiter w = it.next();
            if (now - w.deadlineNanos > 0) {
                it.remove();
                after.add(() -> expireLate(w.future));
            }
        }
    }

    private void expireLate(CompletableFuture<Lease> future) {
        breaker.releasePermission();
        future.completeExceptionally(new NntpUnavailableException("No connection to " + server.name()
                + " within " + options.pendingAcquireTimeout().toMillis() + " ms (pendingAcquireTimeout)"));
    }

    private void updateLoad() {
        int n = waiters.size();
        for (Slot s : slots) {
            n += s.leases;
        }
        load = n;
    }

    private static NntpException unwrap(Throwable error) {
        Throwable t = NntpException.unwrap(error);
        return t instanceof NntpException e ? e
                : new NntpUnavailableException("Connecting failed: " + t.getMessage(), t);
    }

    /** Closes every connection (QUIT) and fails the waiters. */
    @Override
    public void close() {
        List<NntpConnection> toClose = new ArrayList<>();
        List<Waiter> toFail;
        lock.lock();
        try {
            closed = true;
            sweeper.cancel(false);
            for (Slot s : slots) {
                toClose.add(s.connection);
            }
            slots.clear();
            toFail = new ArrayList<>(waiters);
            waiters.clear();
        } finally {
            lock.unlock();
        }
        for (Waiter w : toFail) {
            w.future.completeExceptionally(new NntpUnavailableException("The pool of " + server.name() + " closed"));
        }
        CompletableFuture.allOf(toClose.stream().map(NntpConnection::close).toArray(CompletableFuture[]::new))
                .orTimeout(3, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
