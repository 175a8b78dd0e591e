package io.usync.nntp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.netty.buffer.ByteBuf;
import io.usync.nntp.codec.NntpRequests;
import io.usync.nntp.connection.IoResources;
import io.usync.nntp.connection.NntpConnection;
import io.usync.nntp.connection.NntpConnector;
import io.usync.nntp.pool.ServerPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The client's entry point: pooled connections to several news servers, with POST, STAT and BODY
 * routed by role and priority tier, least-in-flight inside a tier, and article-level failover.
 */
public final class NntpCluster implements AutoCloseable {

    private final NntpClusterOptions options;
    private final IoResources io;
    private final List<ServerPool> pools;
    private final List<NntpConnector> connectors;
    private final ServerSelection selection;
    private final NntpEventListener listener;
    private final PostRefusals refusals;

    private NntpCluster(NntpClusterOptions options, IoResources io, List<NntpConnector> connectors,
            NntpEventListener listener) {
        this.options = options;
        this.io = io;
        this.connectors = List.copyOf(connectors);
        this.listener = listener;
        List<ServerPool> built = new ArrayList<>();
        for (NntpConnector connector : connectors) {
            built.add(new ServerPool(connector, listener, breaker(connector.server().name()), io.group()));
        }
        this.pools = List.copyOf(built);
        this.selection = new ServerSelection(pools);
        this.refusals = new PostRefusals((int) connectors.stream()
                .filter(c -> c.server().hasRole(NntpServerOptions.Role.POST)).count());
    }

    /**
     * Creates a cluster over the servers (names must be unique); connections open lazily on first
     * use. Throws {@link NntpTlsException} when a trust store cannot be loaded.
     */
    public static NntpCluster create(List<NntpServerOptions> servers, NntpClusterOptions options,
            NntpEventListener listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("an NNTP cluster needs at least one server");
        }
        Set<String> names = new HashSet<>();
        for (NntpServerOptions s : servers) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("duplicate server name: " + s.name());
            }
        }
        IoResources io = IoResources.create(options.transport(), options.ioThreads());
        try {
            List<NntpConnector> connectors = new ArrayList<>();
            for (NntpServerOptions s : servers) {
                connectors.add(new NntpConnector(s, io, options.codec(), options.allocator(), listener));
            }
            return new NntpCluster(options, io, connectors, listener);
        } catch (RuntimeException e) {
            io.close();
            throw e;
        }
    }

    private CircuitBreaker breaker(String server) {
        NntpClusterOptions.Circuit c = options.circuit();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(c.failureRatePercent())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(c.window())
                .minimumNumberOfCalls(c.window())
                .waitDurationInOpenState(c.openDuration())
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(10, c.window())))
                .build();
        // State changes reach the listener through the pool's CircuitStates, not the breaker's
        // event publisher (a consumer there costs an event object per successful command).
        return CircuitBreaker.of(server, config);
    }

    /** The transport in use (EPOLL, IO_URING or NIO). */
    public NntpTransport transport() {
        return io.transport();
    }

    /** The server names, in configuration order. */
    public List<String> servers() {
        return pools.stream().map(p -> p.server().name()).toList();
    }

    /**
     * Posts an article (headers, blank line, body; CRLF line ends; no terminating dot line) whose
     * Message-ID header is {@code messageId}; the cluster owns and releases the buffer. Faults are
     * retried on the post servers up to the attempt bound; exhausted, the future fails with an
     * {@link NntpException}. A refusal (440, 441) moves the article to another post server; with
     * more than one post server it also counts against the refusing server's circuit, and an
     * article that finds every post server paused after refusing is refused at once.
     */
    public CompletableFuture<PostResult> post(String messageId, ByteBuf article) {
        try {
            NntpRequests.checkMessageId(messageId);
        } catch (IllegalArgumentException e) {
            article.release();
            throw e;
        }
        return new PostOperation(selection, options.attempts(), article, refusals).run();
    }

    /**
     * Asks the check servers (the read servers if none has the check role) whether an article
     * exists, preferring servers other than {@code avoidServer}.
     */
    public CompletableFuture<StatResult> stat(String messageId, Optional<String> avoidServer) {
        NntpRequests.checkMessageId(messageId);
        NntpServerOptions.Role role = selection.hasRole(NntpServerOptions.Role.CHECK)
                ? NntpServerOptions.Role.CHECK : NntpServerOptions.Role.READ;
        return new StatOperation(selection, role, options.attempts(), messageId,
                avoidServer.map(Set::of).orElse(Set.of())).run();
    }

    /**
     * Fetches an article body, streaming each attempt into a fresh handler from {@code handlers};
     * a missing article or a bad verdict moves to the next read server, never the same one twice.
     */
    public <T> CompletableFuture<FetchResult<T>> body(String messageId, BodyHandlerFactory<T> handlers) {
        NntpRequests.checkMessageId(messageId);
        return new FetchOperation<>(selection, options.attempts(), messageId, handlers).run();
    }

    /**
     * Starts opening connections to the best-tier servers with {@code role} up to their limits,
     * without waiting: a caller that will soon send many commands overlaps greeting and login
     * with its own preparation. Failures surface on the commands sent later.
     */
    public void openAhead(NntpServerOptions.Role role) {
        List<ServerPool> ranked = selection.ranked(role, Set.of());
        if (ranked.isEmpty()) {
            return;
        }
        int best = ranked.getFirst().server().priority();
        for (ServerPool pool : ranked) {
            if (pool.server().priority() == best && pool.available()) {
                pool.openAhead();
            }
        }
    }

    /** Opens a fresh connection to one server, times DATE, and reports what it saw. */
    public CompletableFuture<ProbeReport> probe(String serverName) {
        Optional<NntpConnector> connector = connectors.stream()
                .filter(c -> c.server().name().equals(serverName)).findFirst();
        if (connector.isEmpty()) {
            return CompletableFuture.failedFuture(new NntpUnavailableException("No server named " + serverName));
        }
        long start = System.nanoTime();
        return connector.get().connect().thenCompose(connection -> {
            Duration connectTime = Duration.ofNanos(System.nanoTime() - start);
            long dateStart = System.nanoTime();
            return connection.date().thenApply(reply -> report(connector.get(), connection, connectTime,
                    Duration.ofNanos(System.nanoTime() - dateStart)))
                    .whenComplete((r, e) -> connection.close());
        });
    }

    private static ProbeReport report(NntpConnector connector, NntpConnection connection, Duration connectTime,
            Duration dateLatency) {
        return new ProbeReport(connector.server().name(), connection.postingAllowed(),
                connector.server().credentials().isPresent(), connection.tls(), connection.capabilities(),
                connectTime, dateLatency);
    }

    /** Open connections per server (for diagnostics and tests). */
    public int openConnections(String serverName) {
        return selection.byName(serverName).map(ServerPool::openConnections).orElse(0);
    }

    /** The current connection cap of a server (lower than configured while shrunk). */
    public int connectionLimit(String serverName) {
        return selection.byName(serverName).map(ServerPool::connectionLimit).orElse(0);
    }

    /** Closes every connection with QUIT and stops the event loops. */
    @Override
    public void close() {
        for (ServerPool p : pools) {
            p.close();
        }
        io.close();
    }
}
