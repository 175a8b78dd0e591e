package io.usync.nntp;

import java.util.List;

/** Whether an article exists, as STAT found. */
public sealed interface StatResult {

    /** 223 from this server. */
    record Found(String server) implements StatResult {
        /** Validates the server name. */
        public Found {
            java.util.Objects.requireNonNull(server, "server");
        }
    }

    /** Every server asked answered 430/423/451. */
    record Missing(List<String> serversTried) implements StatResult {
        /** Copies the list. */
        public Missing {
            serversTried = List.copyOf(serversTried);
        }
    }
}
