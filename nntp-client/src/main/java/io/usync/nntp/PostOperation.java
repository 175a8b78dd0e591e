package io.usync.nntp;

import io.netty.buffer.ByteBuf;
import io.usync.nntp.connection.NntpReply;
import io.usync.nntp.pool.ServerPool;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * POST of one article across the post servers: 240 accepted, 435 (or 441 naming it) duplicate,
 * 436 (or 441 naming it) and faults retried, a refusal (440 posting not allowed, 441 posting
 * failed) moves to another post server and, when there is another, counts against the refusing
 * server's circuit (so a server that refuses every post is paused while the others carry the
 * upload); a server found paused while its last answer was a refusal counts as refusing again;
 * refused by every server, or answered with another code, the article is returned as
 * {@link PostResult.Rejected}.
 */
final class PostOperation extends FailoverOperation<PostResult> {

    private final ByteBuf article;
    private final PostRefusals refusals;
    private Optional<PostResult.Rejected> lastRefusal = Optional.empty();

    /** Creates the operation; {@code refusals} is the cluster's record of its post servers' refusals. */
    PostOperation(ServerSelection selection, int attempts, ByteBuf article, PostRefusals refusals) {
        super(selection, NntpServerOptions.Role.POST, attempts, Set.of());
        this.article = article;
        this.refusals = refusals;
    }

    @Override
    CompletableFuture<Step<PostResult>> attemptOn(ServerPool pool) {
        String name = pool.server().name();
        return onLease(pool, true, lease -> lease.connection().post(article.retainedDuplicate()),
                reply -> refusals.countAgainstServer() && refusal(reply), reply -> classify(name, reply))
                .thenApply(step -> noted(name, step));
    }

    /** Keeps the cluster's record of refusals up to date with {@code step}, and skips a server paused for refusing. */
    private Step<PostResult> noted(String server, Step<PostResult> step) {
        if (step instanceof Fault<PostResult>(NntpUnavailableException unavailable)) {
            Optional<PostResult.Rejected> refused = unavailable.paused() ? refusals.lastOf(server) : Optional.empty();
            if (refused.isPresent()) {
                lastRefusal = refused;
                return new Skipped<>();
            }
        } else if (!(step instanceof Miss<PostResult>)) {
            refusals.answered(server);
        }
        return step;
    }

    /** Whether the reply refuses the post (440, or 441 that names neither a duplicate nor a retry). */
    static boolean refusal(NntpReply reply) {
        return switch (reply.code()) {
            case 440 -> true;
            case 441 -> !duplicate(lower(reply)) && !lower(reply).startsWith("436");
            default -> false;
        };
    }

    private static boolean duplicate(String lower) {
        return lower.startsWith("435") || lower.contains("duplicate") || lower.contains("already");
    }

    private static String lower(NntpReply reply) {
        return reply.text().toLowerCase(Locale.ROOT);
    }

    private Step<PostResult> classify(String server, NntpReply reply) {
        String lower = lower(reply);
        return switch (reply.code()) {
            case 240 -> new Done<>(new PostResult.Accepted(server));
            case 435 -> new Done<>(new PostResult.Duplicate(server, reply.line()));
            case 436 -> new Fault<>(new NntpConnectionLostException(server + " asked to retry later (" + reply.line() + ")"));
            case 437 -> new Done<>(new PostResult.Rejected(server, 437, reply.text()));
            case 441 -> {
                if (duplicate(lower)) {
                    yield new Done<>(new PostResult.Duplicate(server, reply.line()));
                }
                if (lower.startsWith("436")) {
                    yield new Fault<>(new NntpConnectionLostException(server + " asked to retry later ("
                            + reply.line() + ")"));
                }
                yield refused(new PostResult.Rejected(server, 441, reply.text()), "posting failed");
            }
            case 440 -> {
                yield refused(new PostResult.Rejected(server, 440, reply.text()), "posting not allowed");
            }
            case 480, 481, 482 -> new Fault<>(new NntpAuthException(server + " refused POST without a valid login ("
                    + reply.line() + "); check the credentials"));
            case 400 -> new Fault<>(new NntpConnectionLostException(server + " closed the session (" + reply.line() + ")"));
            default -> new Done<>(new PostResult.Rejected(server, reply.code(), reply.text()));
        };
    }

    private Step<PostResult> refused(PostResult.Rejected refusal, String reason) {
        lastRefusal = Optional.of(refusal);
        refusals.refused(refusal);
        return new Miss<>(false, reason);
    }

    @Override
    PostResult exhausted(List<String> serversTried, List<String> badReasons) {
        return lastRefusal.map(PostResult.class::cast).orElseGet(() ->
                new PostResult.Rejected(serversTried.isEmpty() ? "none" : serversTried.get(0), 440,
                        "no post server allows posting"));
    }

    @Override
    void finished() {
        article.release();
    }
}
