package io.usync.index;

import java.time.Instant;
import java.util.Objects;

/** A state change for one article attempt, applied in bulk by {@link ShareIndex#markArticles}. */
public record ArticleMark(String messageId, ArticleState state, String server, String response, Instant at) {

    /** Validates the Message-ID and that no field is missing. */
    public ArticleMark {
        requireMessageId(messageId);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(at, "at");
    }

    /** A mark timed now with no server response text. */
    public static ArticleMark now(String messageId, ArticleState state, String server) {
        return new ArticleMark(messageId, state, server, "", Instant.now());
    }

    static void requireMessageId(String messageId) {
        if (messageId == null || messageId.length() < 5 || messageId.charAt(0) != '<'
                || messageId.charAt(messageId.length() - 1) != '>' || messageId.indexOf('@') < 0
                || messageId.chars().anyMatch(c -> c <= ' ' || c == 0x7F)) {
            throw new IllegalArgumentException("not a Message-ID <local@domain>: " + messageId);
        }
    }
}
