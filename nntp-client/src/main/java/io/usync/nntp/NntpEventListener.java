package io.usync.nntp;

import java.time.Duration;

/**
 * Observes the client (progress bars, metrics); every method has a no-op default and is called on
 * an I/O thread, so implementations must be fast and thread-safe.
 */
public interface NntpEventListener {

    /** A listener that ignores everything. */
    NntpEventListener NONE = new NntpEventListener() { };

    /** A connection was opened and is ready (greeting, TLS and login done). */
    default void onConnect(String server, Duration elapsed) {
    }

    /** Opening a connection failed. */
    default void onConnectFailed(String server, NntpException cause) {
    }

    /** A login finished; {@code accepted} is false on 481/482/502. */
    default void onLogin(String server, boolean accepted) {
    }

    /** A pooled connection was handed out; {@code reused} is false for a fresh one. */
    default void onAcquire(String server, boolean reused) {
    }

    /** A command was written. */
    default void onCommandStart(String server, String verb) {
    }

    /** A command got its final reply. */
    default void onCommandEnd(String server, String verb, int code, long bytesIn, long bytesOut, long nanos) {
    }

    /** A command failed with a fault (not a reply). */
    default void onCommandFailed(String server, String verb, NntpException cause) {
    }

    /** The pool waits before connecting again. */
    default void onBackoff(String server, Duration delay) {
    }

    /** The server's circuit breaker changed state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}). */
    default void onCircuitState(String server, String state) {
    }

    /** A connection was closed by the pool (idle, life time, failed health check, error). */
    default void onEviction(String server, String reason) {
    }
}
