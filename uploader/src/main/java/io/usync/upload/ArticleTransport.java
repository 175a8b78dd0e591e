package io.usync.upload;

import io.netty.buffer.ByteBuf;
import io.usync.nntp.PostResult;
import io.usync.nntp.StatResult;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the pipeline sends articles and asks whether they arrived: the NNTP cluster in production
 * ({@code NntpCluster::post}, {@code NntpCluster::stat}), in-memory fakes in unit tests.
 */
public interface ArticleTransport {

    /**
     * Posts an article (headers, blank line, body, CRLF line ends, no terminating dot line); the
     * transport owns and releases {@code article}; faults complete the future exceptionally.
     */
    CompletableFuture<PostResult> post(String messageId, ByteBuf article);

    /** Asks whether {@code messageId} exists, preferably on a server other than {@code avoidServer}. */
    CompletableFuture<StatResult> stat(String messageId, Optional<String> avoidServer);

    /**
     * Starts connecting to the post servers without waiting, so greeting and login overlap the
     * plan; called once, after the scan. Does nothing by default.
     */
    default void openAhead() {
    }
}
