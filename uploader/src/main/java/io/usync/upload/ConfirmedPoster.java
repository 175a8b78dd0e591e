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
 * STAT each through another server at once, STAT again after the check delay those not found
 * yet (only they wait for it), post the ones still missing again, within
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
            List<Integer> missing = notFound(todo, servers, allIndices(todo.size()));
            if (!missing.isEmpty()) {
                sleep(options.postCheckDelay());
                missing = notFound(todo, servers, missing);
            }
            List<Item> again = new ArrayList<>(missing.size());
            for (int i : missing) {
                again.add(todo.get(i));
            }
            todo = again;
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

    /** The positions among {@code which} of the items a STAT (avoiding the server that took each) does not find. */
    private List<Integer> notFound(List<Item> items, List<String> servers, List<Integer> which) {
        List<CompletableFuture<StatResult>> stats = new ArrayList<>(which.size());
        for (int i : which) {
            stats.add(transport.stat(items.get(i).id().withBrackets(), Optional.ofNullable(servers.get(i))));
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; k < which.size(); k++) {
            if (!(join(stats.get(k)) instanceof StatResult.Found)) {
                missing.add(which.get(k));
            }
        }
        return missing;
    }

    private static List<Integer> allIndices(int n) {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
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
            if (result != null) {
                context.postAnswered();
            }
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
