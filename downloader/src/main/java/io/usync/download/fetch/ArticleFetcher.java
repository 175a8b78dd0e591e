package io.usync.download.fetch;

import io.usync.core.MessageId;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Fetches one article from the read servers, each attempt decoded by a fresh decoder, never asking
 * the same server twice; the production implementation runs over {@code NntpCluster.body}.
 */
@FunctionalInterface
public interface ArticleFetcher {

    /** Fetches {@code id}, decoding each server's copy with a decoder from {@code decoders}. */
    CompletableFuture<FetchOutcome> fetch(MessageId id, Supplier<ArticleDecoder> decoders);

    /** Starts opening connections ahead of the first fetch (no-op unless the transport pools them). */
    default void openAhead() {
    }
}
