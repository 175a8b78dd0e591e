package io.usync.nntp.testing;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults a {@link FakeNntpServer} injects; every setter takes effect at once for new commands
 * (and new connections for greeting faults) and returns this for chaining.
 */
public final class FakeNntpFaults {

    volatile Duration latency = Duration.ZERO;
    volatile long bandwidthBytesPerSecond;
    volatile long dropAfterBytes;
    volatile boolean dropMidBody;
    volatile int rejectEveryNthPost;
    volatile boolean refusePostCommand;
    final Set<String> missing = ConcurrentHashMap.newKeySet();
    volatile boolean acceptThenDrop;
    final AtomicInteger loseReplyAfterStore = new AtomicInteger();
    volatile int maxConnections;
    volatile String user;
    volatile String password;
    volatile Duration greetingDelay = Duration.ZERO;
    volatile boolean noGreeting;
    volatile boolean garbageReplies;
    volatile boolean overlongReplies;
    volatile boolean stopAnswering;
    volatile int commandsPerSession;
    final AtomicInteger forgetLogins = new AtomicInteger();
    volatile int greetingCode = 200;

    /** Delays every reply. */
    public FakeNntpFaults latency(Duration delay) {
        this.latency = delay;
        return this;
    }

    /** Caps each connection's sending rate (0: unlimited). */
    public FakeNntpFaults bandwidth(long bytesPerSecond) {
        this.bandwidthBytesPerSecond = bytesPerSecond;
        return this;
    }

    /** Closes a connection once it has sent this many bytes (0: never). */
    public FakeNntpFaults dropAfterBytes(long bytes) {
        this.dropAfterBytes = bytes;
        return this;
    }

    /** Sends half of every body, then closes the connection. */
    public FakeNntpFaults dropMidBody(boolean on) {
        this.dropMidBody = on;
        return this;
    }

    /** Answers every n-th POST with 441 (0: never). */
    public FakeNntpFaults rejectEveryNthPost(int n) {
        this.rejectEveryNthPost = n;
        return this;
    }

    /** Answers every POST command with 440 (posting not allowed) before the article is sent. */
    public FakeNntpFaults refusePostCommand(boolean on) {
        this.refusePostCommand = on;
        return this;
    }

    /** Answers 430 for these ids on BODY, HEAD, ARTICLE and STAT. */
    public FakeNntpFaults missing(String... messageIds) {
        this.missing.addAll(Set.of(messageIds));
        return this;
    }

    /** Answers 240 to posts but stores nothing (STAT then says 430). */
    public FakeNntpFaults acceptThenDrop(boolean on) {
        this.acceptThenDrop = on;
        return this;
    }

    /** For the next {@code count} posts: store the article, then close without the 240. */
    public FakeNntpFaults loseReplyAfterStore(int count) {
        this.loseReplyAfterStore.set(count);
        return this;
    }

    /** Greets with 502 beyond this many open connections (0: no limit). */
    public FakeNntpFaults maxConnections(int n) {
        this.maxConnections = n;
        return this;
    }

    /** Requires AUTHINFO USER/PASS with these credentials; other commands get 480 before login. */
    public FakeNntpFaults requireAuth(String name, String secret) {
        this.user = name;
        this.password = secret;
        return this;
    }

    /** Delays the greeting. */
    public FakeNntpFaults greetingDelay(Duration delay) {
        this.greetingDelay = delay;
        return this;
    }

    /** Sends no greeting at all. */
    public FakeNntpFaults noGreeting(boolean on) {
        this.noGreeting = on;
        return this;
    }

    /** Greets with this code (200, 201, 400, 502). */
    public FakeNntpFaults greetingCode(int code) {
        this.greetingCode = code;
        return this;
    }

    /** Answers every command with a line that is not a status line. */
    public FakeNntpFaults garbageReplies(boolean on) {
        this.garbageReplies = on;
        return this;
    }

    /** Answers every command with an endless line (no CRLF within 100,000 octets). */
    public FakeNntpFaults overlongReplies(boolean on) {
        this.overlongReplies = on;
        return this;
    }

    /** Reads commands but never answers. */
    public FakeNntpFaults stopAnswering(boolean on) {
        this.stopAnswering = on;
        return this;
    }

    /** Ends each session with "400 max connect time" after this many commands (0: never). */
    public FakeNntpFaults commandsPerSession(int n) {
        this.commandsPerSession = n;
        return this;
    }

    /** The next {@code count} commands on logged-in connections get 480 (the login is forgotten). */
    public FakeNntpFaults forgetLogins(int count) {
        this.forgetLogins.set(count);
        return this;
    }

    /** Removes every fault. */
    public FakeNntpFaults clear() {
        latency = Duration.ZERO;
        bandwidthBytesPerSecond = 0;
        dropAfterBytes = 0;
        dropMidBody = false;
        rejectEveryNthPost = 0;
        refusePostCommand = false;
        missing.clear();
        acceptThenDrop = false;
        loseReplyAfterStore.set(0);
        maxConnections = 0;
        user = null;
        password = null;
        greetingDelay = Duration.ZERO;
        noGreeting = false;
        garbageReplies = false;
        overlongReplies = false;
        stopAnswering = false;
        commandsPerSession = 0;
        forgetLogins.set(0);
        greetingCode = 200;
        return this;
    }
}
