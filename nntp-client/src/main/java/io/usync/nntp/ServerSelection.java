package io.usync.nntp;

import io.usync.nntp.pool.ServerPool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the next server for an attempt: servers with the role, not excluded, lowest priority tier
 * first, least in-flight inside the tier, servers with an open circuit last.
 */
final class ServerSelection {

    private final List<ServerPool> pools;

    ServerSelection(List<ServerPool> pools) {
        this.pools = List.copyOf(pools);
    }

    /** Whether any server has the role. */
    boolean hasRole(NntpServerOptions.Role role) {
        return pools.stream().anyMatch(p -> p.server().hasRole(role));
    }

    /** All servers with the role, best first. */
    List<ServerPool> ranked(NntpServerOptions.Role role, Set<String> excluded) {
        List<ServerPool> candidates = new ArrayList<>();
        for (ServerPool p : pools) {
            if (p.server().hasRole(role) && !excluded.contains(p.server().name())) {
                candidates.add(p);
            }
        }
        candidates.sort(Comparator.<ServerPool>comparingInt(p -> p.available() ? 0 : 1)
                .thenComparingInt(p -> p.server().priority())
                .thenComparingInt(ServerPool::load));
        return candidates;
    }

    /** The best server with the role outside {@code excluded}. */
    Optional<ServerPool> next(NntpServerOptions.Role role, Set<String> excluded) {
        List<ServerPool> ranked = ranked(role, excluded);
        return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
    }

    /** The pool of a server by name. */
    Optional<ServerPool> byName(String name) {
        return pools.stream().filter(p -> p.server().name().equals(name)).findFirst();
    }
}
