package io.usync.download.share;

import io.netty.buffer.ByteBufAllocator;
import io.usync.core.MessageId;
import io.usync.download.DownloadException;
import io.usync.download.fetch.ArticleFetcher;
import io.usync.download.fetch.FetchOutcome;
import io.usync.download.fetch.PlainArticleDecoder;
import io.usync.nntp.NntpException;
import io.usync.segmenter.yenc.YencExpectation;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Fetches small single-part articles (manifest headers and pages) whole, as byte arrays. */
public final class ArticleBytes {

    private final ArticleFetcher fetcher;
    private final ByteBufAllocator allocator;
    private final int capacity;

    /** Creates a reader whose articles may decode to at most {@code capacity} bytes. */
    public ArticleBytes(ArticleFetcher fetcher, ByteBufAllocator allocator, int capacity) {
        this.fetcher = fetcher;
        this.allocator = allocator;
        this.capacity = capacity;
    }

    /** Starts fetching {@code id}; the result is empty when no server has a usable copy. */
    public CompletableFuture<Optional<byte[]>> fetch(MessageId id) {
        return fetchOutcome(id).thenApply(r -> r.bytes());
    }

    /** A fetched article's bytes, or a description of why no server had a usable copy. */
    public record Fetched(Optional<byte[]> bytes, String problem) {
    }

    /** Starts fetching {@code id}, keeping the reason when no server has a usable copy. */
    public CompletableFuture<Fetched> fetchOutcome(MessageId id) {
        return fetcher.fetch(id, () -> new PlainArticleDecoder(allocator, capacity, YencExpectation.none()))
                .thenApply(outcome -> switch (outcome) {
                    case FetchOutcome.Fetched f -> {
                        try {
                            byte[] bytes = new byte[f.segment().data().readableBytes()];
                            f.segment().data().getBytes(f.segment().data().readerIndex(), bytes);
                            yield new Fetched(Optional.of(bytes), "");
                        } finally {
                            f.segment().release();
                        }
                    }
                    case FetchOutcome.Unavailable u -> new Fetched(Optional.empty(), u.describe());
                });
    }

    /** Fetches {@code id} and waits for it, returning only the name its yEnc header gives. */
    public Optional<String> fetchNamed(MessageId id) {
        try {
            return fetcher.fetch(id, () -> new PlainArticleDecoder(allocator, capacity, YencExpectation.none()))
                    .thenApply(outcome -> switch (outcome) {
                        case FetchOutcome.Fetched f -> {
                            f.segment().release();
                            yield f.segment().yencName();
                        }
                        case FetchOutcome.Unavailable u -> Optional.<String>empty();
                    }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** Fetches {@code id} and waits for it. */
    public Fetched fetchNow(MessageId id) {
        return await(fetchOutcome(id));
    }

    /** Waits for a fetch started with {@link #fetchOutcome}; faults as {@link #fetchNow}. */
    public static Fetched await(CompletableFuture<Fetched> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException.BadInput("interrupted while fetching the manifest", e);
        } catch (ExecutionException e) {
            throw manifestUnavailable(e.getCause(), "; check the server profile");
        }
    }

    /**
     * The fault for a manifest article no server delivered: an NNTP fault (login, TLS, network)
     * keeps its kind, anything else means the share was not found.
     */
    public static DownloadException manifestUnavailable(Throwable error, String advice) {
        Throwable t = NntpException.unwrap(error);
        String message = "cannot fetch the share's manifest: " + t.getMessage() + advice;
        return t instanceof NntpException nntp ? new DownloadException.ServerFault(message, nntp)
                : new DownloadException.ShareNotFound(message);
    }
}
