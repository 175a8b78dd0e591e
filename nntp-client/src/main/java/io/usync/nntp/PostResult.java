package io.usync.nntp;

import java.util.Objects;

/** What a server said to a posted article. */
public sealed interface PostResult {

    /** The server that gave the final answer. */
    String server();

    /** 240: the article was accepted. */
    record Accepted(String server) implements PostResult {
        /** Validates the server name. */
        public Accepted {
            Objects.requireNonNull(server, "server");
        }
    }

    /** 441 with a 435 sub-code or "duplicate" text (or 435 itself): the id is already there. */
    record Duplicate(String server, String text) implements PostResult {
        /** Validates the fields. */
        public Duplicate {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(text, "text");
        }
    }

    /** 440/441/437: the article was refused for good; the text says why. */
    record Rejected(String server, int code, String text) implements PostResult {
        /** Validates the fields. */
        public Rejected {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(text, "text");
        }
    }
}
