package io.usync.index;

import java.util.Locale;

/** The one current state of an article attempt. */
public enum ArticleState {
    /** Recorded before posting: the intent. */
    PLANNED,
    /** The server accepted the POST. */
    POSTED,
    /** A later STAT (or BODY) found it. */
    VERIFIED,
    /** A check did not find it; it must be posted again. */
    MISSING,
    /** Refused for good; a new attempt (new Message-ID) is needed. */
    FAILED;

    /** The label of the PostgreSQL enum {@code article_state}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state for a PostgreSQL enum label. */
    public static ArticleState ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
