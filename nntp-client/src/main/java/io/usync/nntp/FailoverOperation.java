package io.usync.nntp;

import io.usync.nntp.pool.Lease;
import io.usync.nntp.pool.ServerPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One operation moving across servers: a server that missed (or delivered a bad body) is never
 * asked again, a miss also rules out the servers of the same group, faults are retried (other
 * servers first) up to the attempt bound, a server that faulted is not retried once another has
 * answered for good, a server the subclass skips is not asked, and when no server is left the
 * subclass says what the result is.
 */
abstract class FailoverOperation<R> {

    /** The outcome of one attempt on one server. */
    sealed interface Step<R> {
    }

    /** Finished with a result. */
    record Done<R>(R result) implements Step<R> {
    }

    /** This server does not have it; {@code groupWide} rules out its group too; reason for bad bodies. */
    record Miss<R>(boolean groupWide, String reason) implements Step<R> {
    }

    /** A fault (connection, timeout, protocol, pool). */
    record Fault<R>(NntpException cause) implements Step<R> {
    }

    /** This server is left out of this operation without being asked (its last answer still stands). */
    record Skipped<R>() implements Step<R> {
    }

    private final ServerSelection selection;
    private final NntpServerOptions.Role role;
    private final int maxFaults;
    private final Set<String> preferNot;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final List<String> tried = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private final Set<String> ruledOut = new HashSet<>();
    private final Set<String> ruledOutGroups = new HashSet<>();
    private final Set<String> faulted = new HashSet<>();
    private int faults;
    private NntpException lastFault;

    FailoverOperation(ServerSelection selection, NntpServerOptions.Role role, int maxFaults, Set<String> preferNot) {
        this.selection = selection;
        this.role = role;
        this.maxFaults = maxFaults;
        this.preferNot = preferNot;
    }

    /** Tries one server; must not throw (faults as {@link Fault}). */
    abstract CompletableFuture<Step<R>> attemptOn(ServerPool pool);

    /** The result when every server was ruled out without a {@link Done}. */
    abstract R exhausted(List<String> serversTried, List<String> badReasons);

    /** Called once when the operation ends (release buffers). */
    void finished() {
    }

    /** Starts the operation. */
    final CompletableFuture<R> run() {
        if (!selection.hasRole(role)) {
            complete(null, new NntpUnavailableException("No server has the " + role + " role; add one to the profile"));
            return result;
        }
        next();
        return result;
    }

    private void next() {
        List<ServerPool> candidates = new ArrayList<>();
        for (ServerPool p : selection.ranked(role, ruledOut)) {
            if (!ruledOutGroups.contains(p.server().group())) {
                candidates.add(p);
            }
        }
        if (!tried.isEmpty() && candidates.stream().allMatch(p -> faulted.contains(p.server().name()))) {
            // Another server answered for good; a server that already faulted on this operation
            // is not hammered (up to the fault bound) only to confirm that answer.
            candidates.clear();
        }
        if (candidates.isEmpty()) {
            if (tried.isEmpty() && lastFault != null) {
                complete(null, lastFault);
            } else {
                complete(exhausted(tried, reasons), null);
            }
            return;
        }
        if (faults >= maxFaults) {
            complete(null, lastFault);
            return;
        }
        ServerPool pick = candidates.get(0);
        int bestScore = Integer.MAX_VALUE;
        for (ServerPool p : candidates) {
            int score = (faulted.contains(p.server().name()) ? 2 : 0) + (preferNot.contains(p.server().name()) ? 1 : 0);
            if (score < bestScore) {
                bestScore = score;
                pick = p;
            }
        }
        ServerPool pool = pick;
        CompletableFuture<Step<R>> step;
        try {
            step = attemptOn(pool);
        } catch (RuntimeException e) {
            step = CompletableFuture.completedFuture(new Fault<>(asNntp(e)));
        }
        step.whenComplete((s, error) -> {
            Step<R> outcome = error != null ? new Fault<>(asNntp(error)) : s;
            onStep(pool, outcome);
        });
    }

    private void onStep(ServerPool pool, Step<R> step) {
        String name = pool.server().name();
        switch (step) {
            case Done<R> done -> complete(done.result(), null);
            case Miss<R> miss -> {
                tried.add(name);
                ruledOut.add(name);
                if (miss.reason() != null) {
                    reasons.add(name + ": " + miss.reason());
                }
                if (miss.groupWide()) {
                    ruledOutGroups.add(pool.server().group());
                }
                next();
            }
            case Skipped<R> skipped -> {
                ruledOut.add(name);
                next();
            }
            case Fault<R> fault -> {
                lastFault = fault.cause();
                if (!fault.cause().retryable()) {
                    ruledOut.add(name);
                }
                faults++;
                faulted.add(name);
                next();
            }
        }
    }

    private void complete(R value, NntpException error) {
        try {
            finished();
        } finally {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }
    }

    /** Acquires a lease, runs {@code command} on it, releases it (marking faults) and maps the outcome. */
    static <T, R> CompletableFuture<Step<R>> onLease(ServerPool pool, boolean exclusive,
            Function<Lease, CompletableFuture<T>> command, Function<T, Step<R>> map) {
        return onLease(pool, exclusive, command, value -> false, map);
    }

    /**
     * Like {@link #onLease(ServerPool, boolean, Function, Function)}, and an answer for which
     * {@code againstServer} holds counts against the server's circuit as a fault would.
     */
    static <T, R> CompletableFuture<Step<R>> onLease(ServerPool pool, boolean exclusive,
            Function<Lease, CompletableFuture<T>> command, Predicate<T> againstServer, Function<T, Step<R>> map) {
        return pool.acquire(exclusive).thenCompose(lease -> {
            CompletableFuture<T> reply;
            try {
                reply = command.apply(lease);
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            return reply.handle((value, error) -> {
                if (error != null) {
                    NntpException cause = asNntp(error);
                    lease.release(countsAgainstServer(cause));
                    return (Step<R>) new Fault<R>(cause);
                }
                lease.release(againstServer.test(value));
                return map.apply(value);
            });
        }).exceptionally(error -> new Fault<>(asNntp(error)));
    }

    /**
     * Whether a fault says the server is unwell (timeouts, protocol errors) and so counts toward its
     * circuit breaker; a session the server ended ("400 max connect time") does not.
     */
    static boolean countsAgainstServer(NntpException cause) {
        return cause instanceof NntpTimeoutException || cause instanceof NntpProtocolException;
    }

    static NntpException asNntp(Throwable error) {
        Throwable t = NntpException.unwrap(error);
        if (t instanceof NntpException e) {
            return e;
        }
        return new NntpProtocolException("Unexpected failure: " + t, t);
    }
}
