package io.usync.download.fetch;

import java.util.List;

/** What fetching one article across the read servers gave: a usable copy, or none. */
public sealed interface FetchOutcome {

    /** A server's copy was good. */
    record Fetched(String server, DecodedSegment segment) implements FetchOutcome {
    }

    /** No read server had a usable copy; {@code reasons} says what each one answered. */
    record Unavailable(List<String> serversTried, List<String> reasons) implements FetchOutcome {
        /** Copies the lists. */
        public Unavailable {
            serversTried = List.copyOf(serversTried);
            reasons = List.copyOf(reasons);
        }

        /** One line naming the servers tried and why their copies were unusable. */
        public String describe() {
            if (serversTried.isEmpty()) {
                return "no read server answered";
            }
            return reasons.isEmpty() ? "missing on " + String.join(", ", serversTried)
                    : "unusable on " + String.join(", ", serversTried) + " (" + String.join("; ", reasons) + ")";
        }
    }
}
