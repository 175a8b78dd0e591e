package io.usync.nntp;

import java.util.List;

/** The outcome of fetching one article body across the read servers. */
public sealed interface FetchResult<T> {

    /** A server delivered a body the handler judged good. */
    record Fetched<T>(String server, T value) implements FetchResult<T> {
        /** Validates the fields. */
        public Fetched {
            java.util.Objects.requireNonNull(server, "server");
            java.util.Objects.requireNonNull(value, "value");
        }
    }

    /** Every read server answered that the article is missing. */
    record Missing<T>(List<String> serversTried) implements FetchResult<T> {
        /** Copies the list. */
        public Missing {
            serversTried = List.copyOf(serversTried);
        }
    }

    /** At least one server delivered a bad body and no server delivered a good one. */
    record Corrupt<T>(List<String> serversTried, List<String> reasons) implements FetchResult<T> {
        /** Copies the lists. */
        public Corrupt {
            serversTried = List.copyOf(serversTried);
            reasons = List.copyOf(reasons);
        }
    }
}
