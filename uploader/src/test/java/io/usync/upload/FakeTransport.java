package io.usync.upload;

import io.netty.buffer.ByteBuf;
import io.usync.nntp.PostResult;
import io.usync.nntp.StatResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/** An in-memory transport with fault injection: drops, refusals, failures, asynchronous answers. */
final class FakeTransport implements ArticleTransport {

    final Map<String, byte[]> stored = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
    final Set<String> dropOnce = ConcurrentHashMap.newKeySet();
    volatile Predicate<String> refuse = id -> false;
    volatile Predicate<String> fail = id -> false;
    volatile Function<String, Optional<RuntimeException>> fault = id -> Optional.empty();
    volatile Function<String, Optional<RuntimeException>> statFault = id -> Optional.empty();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final Executor answers = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory());

    @Override
    public CompletableFuture<PostResult> post(String messageId, ByteBuf article) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        posts.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
        byte[] bytes = new byte[article.readableBytes()];
        article.readBytes(bytes);
        article.release();
        return CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(1);
                Optional<RuntimeException> injected = fault.apply(messageId);
                if (injected.isPresent()) {
                    throw injected.get();
                }
                if (fail.test(messageId)) {
                    throw new IllegalStateException("connection reset");
                }
                if (refuse.test(messageId)) {
                    return (PostResult) new PostResult.Rejected("fake", 441, "437 rejected");
                }
                if (stored.containsKey(messageId)) {
                    return new PostResult.Duplicate("fake", "435 duplicate");
                }
                if (!dropOnce.remove(messageId)) {
                    stored.put(messageId, bytes);
                }
                return new PostResult.Accepted("fake");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }, answers);
    }

    @Override
    public CompletableFuture<StatResult> stat(String messageId, Optional<String> avoidServer) {
        return CompletableFuture.supplyAsync(() -> {
            Optional<RuntimeException> injected = statFault.apply(messageId);
            if (injected.isPresent()) {
                throw injected.get();
            }
            return stored.containsKey(messageId) ? new StatResult.Found("fake") : new StatResult.Missing(List.of("fake"));
        }, answers);
    }

    /** How many posts had been sent when {@link #openAhead} was first called (-1: never called). */
    final AtomicInteger postsWhenOpenedAhead = new AtomicInteger(-1);

    @Override
    public void openAhead() {
        postsWhenOpenedAhead.compareAndSet(-1, totalPosts());
    }

    int postsOf(String id) {
        AtomicInteger n = posts.get(id);
        return n == null ? 0 : n.get();
    }

    int totalPosts() {
        return posts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    static String text(byte[] article) {
        return new String(article, StandardCharsets.ISO_8859_1);
    }
}
