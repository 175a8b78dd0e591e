package io.usync.nntp;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the cluster's post servers last said to a POST, when it was a refusal (440, 441): with more
 * than one post server a refusal counts against the refusing server's circuit, and an article that
 * finds a server paused while its last answer was a refusal takes that refusal as the server's
 * answer (when every post server refuses, the article is refused at once instead of waiting for
 * circuits that only open again to refuse it).
 */
final class PostRefusals {

    private final boolean countAgainstServer;
    private final Map<String, PostResult.Rejected> last = new ConcurrentHashMap<>();

    /** Creates the record for a cluster with {@code postServers} post servers. */
    PostRefusals(int postServers) {
        this.countAgainstServer = postServers > 1;
    }

    /** Whether a refusal counts against the refusing server's circuit (there is another post server). */
    boolean countAgainstServer() {
        return countAgainstServer;
    }

    /** Notes a server's refusal. */
    void refused(PostResult.Rejected refusal) {
        last.put(refusal.server(), refusal);
    }

    /** Notes that {@code server} answered a POST otherwise (or faulted): its refusal is no longer its last answer. */
    void answered(String server) {
        if (!last.isEmpty()) {
            last.remove(server);
        }
    }

    /** The refusal that was {@code server}'s last answer, if it was one. */
    Optional<PostResult.Rejected> lastOf(String server) {
        return Optional.ofNullable(last.get(server));
    }
}
