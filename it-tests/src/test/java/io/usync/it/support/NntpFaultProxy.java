package io.usync.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback NNTP proxy in front of a real server (INN2) that injects faults ({@link ProxyFaults})
 * and counts the 240 replies per posted Message-ID, so a test can prove that nothing was stored
 * twice even when the client never saw a reply, and the article bodies served per Message-ID, so a
 * test can prove what a download fetched. It follows the command/reply framing of RFC 3977
 * (multi-line by command and code) and passes everything else through byte for byte.
 */
public final class NntpFaultProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ProxyFaults faults = new ProxyFaults();
    private final Map<String, AtomicInteger> stored = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private final Set<ProxyConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    private NntpFaultProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** Starts a proxy on an ephemeral loopback port forwarding to {@code host:port} (loopback only). */
    public static NntpFaultProxy start(String host, int port) {
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the fault proxy forwards to loopback only, not " + host);
        }
        try {
            return new NntpFaultProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                ProxyConnection connection = new ProxyConnection(this, client);
                open.add(connection);
                threads.execute(() -> {
                    try {
                        connection.run(upstream, threads);
                    } finally {
                        open.remove(connection);
                    }
                });
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    /** The faults to inject. */
    public ProxyFaults faults() {
        return faults;
    }

    /** Always the loopback address. */
    public String host() {
        return "127.0.0.1";
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    void countStored(String messageId) {
        stored.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
    }

    /** How many 240 replies the server gave for posts of this Message-ID (in wire form, with brackets). */
    public int storedCount(String messageId) {
        AtomicInteger n = stored.get(messageId);
        return n == null ? 0 : n.get();
    }

    /** Every Message-ID the server answered 240 for, with its count. */
    public Map<String, Integer> storedCounts() {
        Map<String, Integer> copy = new HashMap<>();
        stored.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    void countServed(String messageId) {
        served.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Every Message-ID (in wire form, with brackets) whose article body the proxy passed on intact
     * in answer to BODY or ARTICLE, with how many times: what a downloader fetched through it.
     */
    public Map<String, Integer> servedCounts() {
        Map<String, Integer> copy = new HashMap<>();
        served.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Connections accepted since start. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.size();
    }

    /** Closes every connection at once (the proxy keeps listening). */
    public void dropAll() {
        open.forEach(ProxyConnection::abort);
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
        threads.shutdownNow();
    }
}
