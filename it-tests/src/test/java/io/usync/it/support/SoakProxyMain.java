package io.usync.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fault proxy as a process for {@code bench/soak.sh}: forwards a loopback port to INN2 with
 * random faults, prints its port, and rewrites a counts file (one {@code <id> <240s>} per line,
 * then {@code faults <n>}) every second until killed.
 *
 * <p>Arguments: upstream host, upstream port, fault rate (0..1), seed, counts file.
 */
public final class SoakProxyMain {

    private SoakProxyMain() {
    }

    /** Runs the proxy until the process is killed. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 5) {
            System.err.println("usage: SoakProxyMain <host> <port> <fault-rate> <seed> <counts-file>");
            System.exit(2);
        }
        double rate = Double.parseDouble(args[2]);
        NntpFaultProxy proxy = NntpFaultProxy.start(args[0], Integer.parseInt(args[1]));
        proxy.faults().random(rate, Long.parseLong(args[3])).overlongReplies(0, 1024 * 1024);
        Path counts = Path.of(args[4]);
        System.out.println("port " + proxy.port());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> write(proxy, counts)));
        while (true) {
            Thread.sleep(1_000);
            write(proxy, counts);
        }
    }

    private static synchronized void write(NntpFaultProxy proxy, Path counts) {
        StringBuilder text = new StringBuilder();
        Map<String, Integer> sorted = new TreeMap<>(proxy.storedCounts());
        sorted.forEach((id, n) -> text.append(id).append(' ').append(n).append('\n'));
        text.append("faults ").append(proxy.faults().injected()).append('\n');
        try {
            Path tmp = counts.resolveSibling(counts.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, counts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("cannot write " + counts + ": " + e.getMessage());
        }
    }
}
