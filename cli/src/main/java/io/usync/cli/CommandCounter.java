package io.usync.cli;

import io.usync.nntp.NntpEventListener;
import io.usync.nntp.NntpException;
import io.usync.nntp.codec.NntpCommand;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, from the NNTP client's events, the commands of one kind in flight (how many connections
 * are busy: the pool spreads commands over the least busy connection) and the faults of any
 * command or connection (each one retried, failed over or reported), for the progress display.
 */
final class CommandCounter implements NntpEventListener {

    private final String verb;
    private final AtomicLong inFlight = new AtomicLong();
    private final LongAdder faults = new LongAdder();

    /** Counts the commands of {@code command} in flight. */
    CommandCounter(NntpCommand command) {
        this.verb = command.toString();
    }

    @Override
    public void onCommandStart(String server, String commandVerb) {
        if (verb.equals(commandVerb)) {
            inFlight.incrementAndGet();
        }
    }

    @Override
    public void onCommandEnd(String server, String commandVerb, int code, long bytesIn, long bytesOut, long nanos) {
        if (verb.equals(commandVerb)) {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void onCommandFailed(String server, String commandVerb, NntpException cause) {
        faults.increment();
        if (verb.equals(commandVerb)) {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void onConnectFailed(String server, NntpException cause) {
        faults.increment();
    }

    /** The connections busy with a command, at most {@code connections}. */
    long busy(int connections) {
        return Math.clamp(inFlight.get(), 0, connections);
    }

    /** The command and connection faults so far. */
    long faults() {
        return faults.sum();
    }
}
