package io.usync.download;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.usync.core.MessageId;
import io.usync.download.fetch.ArticleDecoder;
import io.usync.download.fetch.ArticleFetcher;
import io.usync.download.fetch.DecodeVerdict;
import io.usync.download.fetch.FetchOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * In-memory read servers for unit tests: each holds article bodies by Message-ID; a fetch tries
 * them in order, never the same twice, feeding each body in small chunks like a socket would.
 */
final class MemoryServers implements ArticleFetcher, AutoCloseable {

    private final Map<String, Map<String, byte[]>> servers = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    /** Adds a server holding a copy of {@code articles}. */
    MemoryServers server(String name, Map<String, byte[]> articles) {
        servers.put(name, new ConcurrentHashMap<>(articles));
        return this;
    }

    /** The articles of one server (mutable, to delete or damage some). */
    Map<String, byte[]> articles(String name) {
        return servers.get(name);
    }

    /** How many fetches were started. */
    int fetches() {
        return fetches.get();
    }

    /** How many bodies one server delivered. */
    int deliveredBy(String name) {
        return attempts.computeIfAbsent(name, k -> new AtomicInteger()).get();
    }

    @Override
    public CompletableFuture<FetchOutcome> fetch(MessageId id, Supplier<ArticleDecoder> decoders) {
        fetches.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            List<String> tried = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (var server : servers.entrySet()) {
                byte[] body = server.getValue().get(id.withBrackets());
                tried.add(server.getKey());
                if (body == null) {
                    continue;
                }
                attempts.computeIfAbsent(server.getKey(), k -> new AtomicInteger()).incrementAndGet();
                ArticleDecoder decoder = decoders.get();
                for (int i = 0; i < body.length; i += 1000) {
                    ByteBuf chunk = Unpooled.wrappedBuffer(body, i, Math.min(1000, body.length - i));
                    decoder.onContent(chunk);
                }
                switch (decoder.onComplete()) {
                    case DecodeVerdict.Good g -> {
                        return new FetchOutcome.Fetched(server.getKey(), g.segment());
                    }
                    case DecodeVerdict.Bad b -> reasons.add(server.getKey() + ": " + b.reason());
                }
            }
            return new FetchOutcome.Unavailable(tried, reasons);
        }, executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
