package io.usync.download;

import io.usync.core.MessageId;
import java.util.concurrent.CompletableFuture;

/** Asks one server whether an article exists (STAT, RFC 3977 section 6.2.4), without fetching it. */
@FunctionalInterface
public interface ArticleChecker {

    /** Completes with whether the server has the article; a fault completes exceptionally. */
    CompletableFuture<Boolean> exists(MessageId id);
}
