package io.usync.it.support;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults an {@link NntpFaultProxy} injects between the client and the real server. Counted
 * faults hit the next {@code n} matching events; fractions choose articles by a hash of their id,
 * so the same article is always affected on this proxy; {@link #random(double, long)} picks faults
 * at random (seeded) for the soak. Every setter returns this for chaining.
 */
public final class ProxyFaults {

    /** A fault the random mode may pick. */
    public enum Kind { RESET_MID_POST, LOSE_240, GARBAGE_REPLY, OVERLONG_REPLY, FLIP_BODY_BYTE, MISSING_BODY, STALL_BODY }

    final AtomicInteger resetMidPost = new AtomicInteger();
    final AtomicInteger lose240 = new AtomicInteger();
    final AtomicInteger garbageReplies = new AtomicInteger();
    final AtomicInteger overlongReplies = new AtomicInteger();
    volatile boolean stallBodies;
    volatile boolean trickleBodies;
    volatile long bodyDelayMillis;
    volatile double missingFraction;
    volatile double flipFraction;
    volatile double dropFraction;
    final java.util.Set<String> dropped = java.util.concurrent.ConcurrentHashMap.newKeySet();
    volatile int overlongBytes = 10 * 1024 * 1024;
    private volatile double randomRate;
    private volatile Random random = new Random(0);
    final AtomicInteger injected = new AtomicInteger();

    /** The next {@code n} posted articles: forward about half the body, then reset both connections. */
    public ProxyFaults resetMidPost(int n) {
        resetMidPost.set(n);
        return this;
    }

    /** The next {@code n} 240 replies (article stored by the server) never reach the client; the connection closes. */
    public ProxyFaults lose240(int n) {
        lose240.set(n);
        return this;
    }

    /** The next {@code n} replies after login are replaced by a line that is not NNTP; the connection closes. */
    public ProxyFaults garbageReplies(int n) {
        garbageReplies.set(n);
        return this;
    }

    /** The next {@code n} replies after login are replaced by {@code bytes} octets with no CRLF. */
    public ProxyFaults overlongReplies(int n, int bytes) {
        overlongReplies.set(n);
        overlongBytes = bytes;
        return this;
    }

    /**
     * This fraction of articles (by id) are answered 240 on their first post but never stored (the
     * proxy sends the server a copy for a group that does not exist and turns its 441 into 240).
     */
    public ProxyFaults acceptThenDrop(double fraction) {
        dropFraction = fraction;
        return this;
    }

    /** The Message-IDs whose first post was silently dropped. */
    public java.util.Set<String> droppedIds() {
        return java.util.Set.copyOf(dropped);
    }

    /** Every BODY reply sends its status line and a few lines, then nothing more (the socket stays open). */
    public ProxyFaults stallBodies(boolean on) {
        stallBodies = on;
        return this;
    }

    /** Every BODY reply after its status line trickles at one byte per second. */
    public ProxyFaults trickleBodies(boolean on) {
        trickleBodies = on;
        return this;
    }

    /** Every BODY and ARTICLE reply waits this long before it is sent (a throttle, not a fault: nothing is counted). */
    public ProxyFaults delayBodies(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("negative delay");
        }
        bodyDelayMillis = millis;
        return this;
    }

    /** This fraction of articles (by id) answer 430 to BODY and ARTICLE. */
    public ProxyFaults missing(double fraction) {
        missingFraction = fraction;
        return this;
    }

    /** This fraction of articles (by id) come back from BODY with one data byte flipped. */
    public ProxyFaults flipBytes(double fraction) {
        flipFraction = fraction;
        return this;
    }

    /** Each post, 240 and BODY reply suffers a random fault with probability {@code rate} (seeded). */
    public ProxyFaults random(double rate, long seed) {
        random = new Random(seed);
        randomRate = rate;
        return this;
    }

    /** Removes every fault. */
    public ProxyFaults clear() {
        resetMidPost.set(0);
        lose240.set(0);
        garbageReplies.set(0);
        overlongReplies.set(0);
        stallBodies = false;
        trickleBodies = false;
        bodyDelayMillis = 0;
        missingFraction = 0;
        flipFraction = 0;
        dropFraction = 0;
        randomRate = 0;
        return this;
    }

    /** How many faults were injected so far. */
    public int injected() {
        return injected.get();
    }

    /** Whether a random fault of this kind fires now (each kind is drawn at its own event). */
    boolean randomly(Kind kind) {
        if (kind == null) {
            return false;
        }
        double rate = randomRate;
        if (rate <= 0) {
            return false;
        }
        Random r = random;
        synchronized (r) {
            return r.nextDouble() < rate;
        }
    }

    static boolean chosen(String messageId, double fraction, int salt) {
        if (fraction <= 0) {
            return false;
        }
        int h = (messageId.hashCode() * 31 + salt) & 0x7fffffff;
        return h % 10_000 < fraction * 10_000;
    }

    static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }
}
