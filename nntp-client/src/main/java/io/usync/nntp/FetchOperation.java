package io.usync.nntp;

import io.usync.nntp.connection.BodyReply;
import io.usync.nntp.pool.ServerPool;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * BODY across the read servers: a good verdict ends it; 430/423/451 or a bad verdict moves to the
 * next server, never the same one twice; the result says whether everything missed or was corrupt.
 */
final class FetchOperation<T> extends FailoverOperation<FetchResult<T>> {

    private final String messageId;
    private final BodyHandlerFactory<T> handlers;

    FetchOperation(ServerSelection selection, int attempts, String messageId, BodyHandlerFactory<T> handlers) {
        super(selection, NntpServerOptions.Role.READ, attempts, Set.of());
        this.messageId = messageId;
        this.handlers = handlers;
    }

    @Override
    CompletableFuture<Step<FetchResult<T>>> attemptOn(ServerPool pool) {
        String name = pool.server().name();
        return onLease(pool, false, lease -> lease.connection().body(messageId, handlers.newHandler(name)),
                reply -> switch (reply) {
                    case BodyReply.Delivered<T> d -> switch (d.verdict()) {
                        case Verdict.Good<T> good -> new Done<>(new FetchResult.Fetched<>(name, good.value()));
                        case Verdict.Bad<T> bad -> new Miss<>(false, bad.reason());
                    };
                    case BodyReply.NoBody<T> none -> switch (none.reply().code()) {
                        case 430, 423, 451 -> new Miss<>(true, null);
                        case 400 -> new Fault<>(new NntpConnectionLostException(name + " closed the session ("
                                + none.reply().line() + ")"));
                        case 480, 481, 482, 502 -> new Fault<>(new NntpAuthException(name + " refused BODY ("
                                + none.reply().line() + "); check the credentials"));
                        default -> new Miss<>(false, null);
                    };
                });
    }

    @Override
    FetchResult<T> exhausted(List<String> serversTried, List<String> badReasons) {
        return badReasons.isEmpty() ? new FetchResult.Missing<>(serversTried)
                : new FetchResult.Corrupt<>(serversTried, badReasons);
    }
}
