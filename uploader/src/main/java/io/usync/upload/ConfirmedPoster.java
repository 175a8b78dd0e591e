package io.usync.upload;

import io.usync.core.MessageId;
import io.usync.nntp.PostResult;
import io.usync.nntp.StatResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Posts a small set of articles (manifest pages, a header) and makes sure they arrived: post all,
 * wait the check delay, STAT each through another server, post the missing ones again, within
 * {@code maxPostRounds} rounds; a round no server could take (circuits open) waits and does not
 * count, and a login or TLS refusal stops at once.
 */
final class ConfirmedPoster {

    private final ArticleTransport transport;
    private final UploadOptions options;
    private final PostingContext context;

    /** Creates a poster sending through {@code transport}. */
    ConfirmedPoster(ArticleTransport transport, UploadOptions options, PostingContext context) {
        this.transport = transport;
        this.options = options;
        this.context = context;
    }

    /** One article to post: its id and how to build it (again, for a re-post). */
    record Item(MessageId id, Supplier<EncodedArticle> article) {
    }

    /** Posts and confirms every item; false if some could not be confirmed within the bounds. */
    boolean postAndConfirm(List<Item> items) throws InterruptedException {
        List<Item> todo = items;
        ServerWait wait = new ServerWait(options.unavailableWait());
        context.takeUnavailable();
        for (int round = 1; round <= options.maxPostRounds() && !todo.isEmpty(); round++) {
            if (round > 1) {
                todo.forEach(i -> context.listener().repost());
            }
            List<String> servers = post(todo);
            sleep(options.postCheckDelay());
            List<Item> missing = new ArrayList<>();
            for (int i = 0; i < todo.size(); i++) {
                Optional<String> avoid = Optional.ofNullable(servers.get(i));
                StatResult stat = join(transport.stat(todo.get(i).id().withBrackets(), avoid));
                if (!(stat instanceof StatResult.Found)) {
                    missing.add(todo.get(i));
                }
            }
            todo = missing;
            context.throwIfStopped();
            if (!todo.isEmpty() && context.takeUnavailable() > 0 && wait.pause()) {
                round--; // no server could take them: waiting for one is not a failed round
            }
        }
        for (Item item : todo) {
            context.failure("manifest article " + item.id().withBrackets() + " could not be posted and verified");
        }
        return todo.isEmpty();
    }

    private List<String> post(List<Item> items) {
        List<CompletableFuture<PostResult>> futures = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            EncodedArticle article = items.get(i).article().get();
            futures.add(transport.post(article.messageId().withBrackets(), article.article()));
            if (futures.size() >= options.inFlightArticles()) {
                futures.get(futures.size() - options.inFlightArticles()).exceptionally(e -> null).join();
            }
        }
        List<String> servers = new ArrayList<>(items.size());
        for (CompletableFuture<PostResult> future : futures) {
            PostResult result = join(future);
            servers.add(result instanceof PostResult.Accepted || result instanceof PostResult.Duplicate
                    ? result.server() : null);
        }
        return servers;
    }

    private <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (!context.stopOn(e)) {
                context.waitOn(e);
            }
            return null;
        }
    }

    private static void sleep(Duration delay) throws InterruptedException {
        if (!delay.isZero()) {
            Thread.sleep(delay);
        }
    }
}
