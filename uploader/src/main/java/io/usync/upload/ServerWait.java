package io.usync.upload;

import java.time.Duration;

/**
 * The wait for a post server while none takes articles (circuits open until their half-open
 * probe): pauses that double from 200 ms up to 5 s, in total at most the budget.
 */
final class ServerWait {

    private static final Duration FIRST = Duration.ofMillis(200);
    private static final Duration LONGEST = Duration.ofSeconds(5);

    private final Duration budget;
    private Duration waited = Duration.ZERO;
    private Duration next = FIRST;

    /** Creates a wait of at most {@code budget} in total. */
    ServerWait(Duration budget) {
        this.budget = budget;
    }

    /** Sleeps for the next pause and returns true, or returns false at once when the budget is spent. */
    boolean pause() throws InterruptedException {
        Duration left = budget.minus(waited);
        if (left.isNegative() || left.isZero()) {
            return false;
        }
        Duration pause = next.compareTo(left) < 0 ? next : left;
        Thread.sleep(pause);
        waited = waited.plus(pause);
        next = next.multipliedBy(2).compareTo(LONGEST) < 0 ? next.multipliedBy(2) : LONGEST;
        return true;
    }

    /** How long this wait has slept so far. */
    Duration waited() {
        return waited;
    }
}
