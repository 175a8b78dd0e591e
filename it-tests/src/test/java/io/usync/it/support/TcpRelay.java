package io.usync.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A raw loopback TCP relay that can be cut: every open connection is reset and new ones are
 * refused until restored. In front of PostgreSQL it stands for "the index database stopped".
 */
public final class TcpRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpRelay(InetAddress bind, InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 100, bind);
        threads.execute(this::acceptLoop);
    }

    /** Starts a relay on an ephemeral loopback port to {@code host:port} (loopback only). */
    public static TcpRelay start(String host, int port) {
        return start(InetAddress.getLoopbackAddress().getHostAddress(), host, port);
    }

    /** Starts a relay listening on another loopback address (such as 127.0.0.2, a name no certificate carries). */
    public static TcpRelay start(String bindAddress, String host, int port) {
        InetSocketAddress target = new InetSocketAddress(host, port);
        InetSocketAddress bind = new InetSocketAddress(bindAddress, 0);
        if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()
                || bind.getAddress() == null || !bind.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the relay uses loopback only, not " + host + " or " + bindAddress);
        }
        try {
            return new TcpRelay(bind.getAddress(), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port to connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Resets every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket s : sockets) {
            reset(s);
        }
    }

    /** Accepts and relays connections again. */
    public void restore() {
        cut = false;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                reset(client);
                continue;
            }
            threads.execute(() -> relay(client));
        }
    }

    private void relay(Socket client) {
        try (Socket server = new Socket()) {
            server.connect(target, 5_000);
            sockets.add(client);
            sockets.add(server);
            threads.execute(() -> pump(server, client));
            pump(client, server);
        } catch (IOException e) {
            // the connection ends
        } finally {
            reset(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[32 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while (!cut && (n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the connection ends
        } finally {
            reset(from);
            reset(to);
        }
    }

    private void reset(Socket s) {
        sockets.remove(s);
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Stops the relay. */
    @Override
    public void close() {
        closed = true;
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
