package io.usync.nntp;

import io.usync.nntp.pool.ServerPool;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** STAT across the check servers: 223 found; 430/423/451 moves on; all missed means {@link StatResult.Missing}. */
final class StatOperation extends FailoverOperation<StatResult> {

    private final String messageId;

    StatOperation(ServerSelection selection, NntpServerOptions.Role role, int attempts, String messageId,
            Set<String> avoid) {
        super(selection, role, attempts, avoid);
        this.messageId = messageId;
    }

    @Override
    CompletableFuture<Step<StatResult>> attemptOn(ServerPool pool) {
        String name = pool.server().name();
        return onLease(pool, false, lease -> lease.connection().stat(messageId), reply -> switch (reply.code()) {
            case 223 -> new Done<>(new StatResult.Found(name));
            case 430, 423, 451 -> new Miss<>(true, null);
            case 400 -> new Fault<>(new NntpConnectionLostException(name + " closed the session (" + reply.line() + ")"));
            case 480, 481, 482, 502 -> new Fault<>(new NntpAuthException(name + " refused STAT (" + reply.line()
                    + "); check the credentials"));
            default -> new Fault<>(new NntpProtocolException(name + " answered STAT with " + reply.line()));
        });
    }

    @Override
    StatResult exhausted(List<String> serversTried, List<String> badReasons) {
        return new StatResult.Missing(serversTried);
    }
}
