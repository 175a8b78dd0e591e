package io.usync.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One client connection of the {@link NntpFaultProxy}: two pumps that frame commands and replies and apply the faults. */
final class ProxyConnection {

    private static final int LINE_LIMIT = 1 << 20;

    /** A command sent upstream whose reply is still to come. */
    private record Sent(String verb, String argument, boolean dropped) {
        Sent(String verb, String argument) {
            this(verb, argument, false);
        }
    }

    /** The group a dropped article is redirected to: it does not exist, so the server refuses it. */
    private static final byte[] NOWHERE = "Newsgroups: usync.test.nonexistent.group\r\n".getBytes(StandardCharsets.US_ASCII);

    private final NntpFaultProxy proxy;
    private final ProxyFaults faults;
    private final Socket client;
    private final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private volatile Socket server;
    private volatile boolean articleExpected;
    private volatile boolean done;

    ProxyConnection(NntpFaultProxy proxy, Socket client) {
        this.proxy = proxy;
        this.faults = proxy.faults();
        this.client = client;
    }

    void run(InetSocketAddress upstream, ExecutorService threads) {
        try {
            server = new Socket();
            server.connect(upstream, 5_000);
            server.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            threads.execute(this::downstream);
            upstream();
        } catch (IOException e) {
            // the connection ends
        } finally {
            close(false);
        }
    }

    void abort() {
        close(true);
    }

    private synchronized void close(boolean reset) {
        done = true;
        for (Socket s : new Socket[] {client, server}) {
            if (s == null) {
                continue;
            }
            try {
                if (reset) {
                    s.setSoLinger(true, 0);
                }
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Client to server: frames commands and posted articles. */
    private void upstream() throws IOException {
        LineInput in = new LineInput(client.getInputStream(), LINE_LIMIT);
        OutputStream out = server.getOutputStream();
        boolean inArticle = false;
        boolean inHeaders = true;
        String messageId = "";
        int bodyLines = 0;
        boolean resetThis = false;
        boolean dropThis = false;
        List<byte[]> heldHeaders = new ArrayList<>();
        Optional<byte[]> next;
        while (!done && (next = in.next()).isPresent()) {
            byte[] line = next.get();
            String text = new String(line, StandardCharsets.ISO_8859_1);
            if (!inArticle && articleExpected) {
                inArticle = true;
                inHeaders = true;
                messageId = "";
                bodyLines = 0;
                resetThis = ProxyFaults.take(faults.resetMidPost) || faults.randomly(ProxyFaults.Kind.RESET_MID_POST);
                dropThis = false;
                heldHeaders.clear();
            }
            if (inArticle) {
                String stripped = text.strip();
                if (stripped.equals(".")) {
                    inArticle = false;
                    articleExpected = false;
                    sent.add(new Sent("POSTED", messageId, dropThis));
                } else if (inHeaders) {
                    if (stripped.toLowerCase(Locale.ROOT).startsWith("message-id:")) {
                        messageId = stripped.substring("message-id:".length()).strip();
                    }
                    if (!stripped.isEmpty()) {
                        heldHeaders.add(line);
                        continue;
                    }
                    inHeaders = false;
                    dropThis = ProxyFaults.chosen(messageId, faults.dropFraction, 3) && faults.dropped.add(messageId);
                    for (byte[] header : heldHeaders) {
                        boolean groups = new String(header, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                                .startsWith("newsgroups:");
                        out.write(dropThis && groups ? NOWHERE : header);
                    }
                    heldHeaders.clear();
                } else if (resetThis && ++bodyLines > 3) {
                    out.write(line);
                    out.flush();
                    faults.injected.incrementAndGet();
                    sleep(50);
                    abort();
                    return;
                }
                out.write(line);
                continue;
            }
            String[] parts = text.strip().split(" ", 2);
            sent.add(new Sent(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : ""));
            out.write(line);
            out.flush();
        }
        out.flush();
    }

    /** Server to client: frames replies by command and code, counts 240s and applies reply faults. */
    private void downstream() {
        try {
            LineInput in = new LineInput(server.getInputStream(), LINE_LIMIT);
            OutputStream out = client.getOutputStream();
            Optional<byte[]> greeting = in.next();
            if (greeting.isEmpty()) {
                return;
            }
            out.write(greeting.get());
            out.flush();
            boolean loggedIn = false;
            Optional<byte[]> next;
            while (!done && (next = in.next()).isPresent()) {
                byte[] status = next.get();
                Sent command = sent.poll(30, TimeUnit.SECONDS);
                if (command == null) {
                    out.write(status);
                    out.flush();
                    continue;
                }
                int code = code(status);
                boolean multi = multiLine(code) || code == 211 && command.verb().equals("LISTGROUP");
                List<byte[]> block = multi ? readBlock(in) : List.of();
                if (loggedIn && replyFault(out)) {
                    return;
                }
                if (!command.verb().equals("AUTHINFO") && !command.verb().equals("CAPABILITIES")
                        && !command.verb().equals("MODE")) {
                    loggedIn = true;
                }
                if (command.verb().equals("POST") && code == 340) {
                    articleExpected = true;
                } else if (command.verb().equals("POSTED") && command.dropped()) {
                    faults.injected.incrementAndGet();
                    status = "240 article received ok\r\n".getBytes(StandardCharsets.US_ASCII);
                } else if (command.verb().equals("POSTED") && code == 240) {
                    proxy.countStored(command.argument());
                    if (ProxyFaults.take(faults.lose240) || faults.randomly(ProxyFaults.Kind.LOSE_240)) {
                        faults.injected.incrementAndGet();
                        abort();
                        return;
                    }
                } else if ((command.verb().equals("BODY") || command.verb().equals("ARTICLE")) && (code == 222 || code == 220)) {
                    if (bodyFault(command.argument(), status, block, out)) {
                        return;
                    }
                    continue;
                }
                out.write(status);
                for (byte[] line : block) {
                    out.write(line);
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the connection ends
        } finally {
            close(false);
        }
    }

    /** Applies garbage and overlong faults to a reply; true when the connection is finished. */
    private boolean replyFault(OutputStream out) throws IOException {
        if (ProxyFaults.take(faults.garbageReplies) || faults.randomly(ProxyFaults.Kind.GARBAGE_REPLY)) {
            faults.injected.incrementAndGet();
            out.write("this is not nntp at all\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sleep(100);
            close(false);
            return true;
        }
        if (ProxyFaults.take(faults.overlongReplies) || faults.randomly(ProxyFaults.Kind.OVERLONG_REPLY)) {
            faults.injected.incrementAndGet();
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            chunk[0] = '2';
            chunk[1] = '2';
            chunk[2] = '2';
            chunk[3] = ' ';
            int total = faults.overlongBytes;
            try {
                for (int sentBytes = 0; sentBytes < total && !done; sentBytes += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, total - sentBytes));
                    chunk[0] = chunk[1] = chunk[2] = chunk[3] = 'x';
                }
                out.flush();
                sleep(200);
            } catch (IOException e) {
                // the client closed: what it should do
            }
            close(false);
            return true;
        }
        return false;
    }

    /** Applies body faults (missing, flipped byte, stall, trickle); true when the connection is finished. */
    private boolean bodyFault(String id, byte[] status, List<byte[]> block, OutputStream out)
            throws IOException, InterruptedException {
        long delay = faults.bodyDelayMillis;
        if (delay > 0) {
            Thread.sleep(delay);
        }
        if (ProxyFaults.chosen(id, faults.missingFraction, 1) || faults.randomly(ProxyFaults.Kind.MISSING_BODY)) {
            faults.injected.incrementAndGet();
            out.write("430 no such article\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return false;
        }
        boolean intact = true;
        if (ProxyFaults.chosen(id, faults.flipFraction, 2) || faults.randomly(ProxyFaults.Kind.FLIP_BODY_BYTE)) {
            faults.injected.incrementAndGet();
            intact = false;
            int target = block.size() / 2;
            byte[] line = block.get(target).clone();
            if (line.length > 3 && line[0] != '=') {
                line[line.length / 2] = (byte) (line[line.length / 2] == 'A' ? 'B' : 'A');
                block.set(target, line);
            }
        }
        if (faults.stallBodies || faults.randomly(ProxyFaults.Kind.STALL_BODY)) {
            faults.injected.incrementAndGet();
            out.write(status);
            for (int i = 0; i < Math.min(3, block.size()); i++) {
                out.write(block.get(i));
            }
            out.flush();
            while (!done) {
                sleep(50);
            }
            return true;
        }
        if (faults.trickleBodies) {
            faults.injected.incrementAndGet();
            out.write(status);
            out.flush();
            for (byte[] line : block) {
                for (byte b : line) {
                    if (done) {
                        return true;
                    }
                    out.write(b);
                    out.flush();
                    sleep(1_000);
                }
            }
            return true;
        }
        out.write(status);
        for (byte[] line : block) {
            out.write(line);
        }
        out.flush();
        if (intact) {
            proxy.countServed(id);
        }
        return false;
    }

    private static List<byte[]> readBlock(LineInput in) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        Optional<byte[]> next;
        while ((next = in.next()).isPresent()) {
            byte[] line = next.get();
            lines.add(line);
            if (line.length >= 2 && line[0] == '.' && (line[1] == '\r' || line[1] == '\n')) {
                break;
            }
        }
        return lines;
    }

    private static int code(byte[] status) {
        if (status.length < 3) {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            if (status[i] < '0' || status[i] > '9') {
                return -1;
            }
            code = code * 10 + status[i] - '0';
        }
        return code;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether replies with this code are multi-line whatever the command (RFC 3977 section 3.2). */
    private static boolean multiLine(int code) {
        return switch (code) {
            case 100, 101, 215, 220, 221, 222, 224, 225, 230, 231 -> true;
            default -> false;
        };
    }
}
