package io.usync.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Proves no thread is stuck in usync code once a component is closed (a thread dump of the test JVM). */
public final class ThreadCheck {

    private ThreadCheck() {
    }

    /** Threads whose stack runs usync code (other than tests and this support package), with their top frames. */
    public static List<String> threadsInUsyncCode() {
        Map<Thread, StackTraceElement[]> dump = Thread.getAllStackTraces();
        return dump.entrySet().stream()
                .filter(e -> e.getKey() != Thread.currentThread() && e.getKey().isAlive())
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().startsWith("io.usync.")
                        && !f.getClassName().startsWith("io.usync.it.")
                        && !f.getClassName().startsWith("io.usync.index.testing.")
                        && !f.getClassName().startsWith("io.usync.nntp.testing.")))
                .map(e -> e.getKey().getName() + " " + Arrays.stream(e.getValue()).limit(6)
                        .map(StackTraceElement::toString).collect(Collectors.joining(" <- ")))
                .toList();
    }

    /** Waits up to {@code millis} for every usync thread to end, then asserts none is left. */
    public static void assertNoneStuck(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<String> left = threadsInUsyncCode();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = threadsInUsyncCode();
        }
        assertThat(left).as("threads still running usync code after close").isEmpty();
    }
}
