package io.usync.upload;

import io.usync.core.MessageId;

/** The headers of one article: From, Newsgroups (comma-joined), Subject and Message-ID. */
record ArticleHeaders(String from, String newsgroups, String subject, MessageId messageId) {

    /** Longest header line accepted (RFC 5322 section 2.1.1 limits lines to 998 octets). */
    static final int MAX_LINE = 998;

    /** Validates that no value can break the header block. */
    ArticleHeaders {
        for (String value : new String[] {from, newsgroups, subject}) {
            if (value == null || value.isEmpty() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("header values must be one non-empty line");
            }
            if (value.length() + 14 > MAX_LINE) {
                throw new IllegalArgumentException("header line longer than " + MAX_LINE + " octets");
            }
        }
        if (messageId == null) {
            throw new IllegalArgumentException("message id is required");
        }
    }
}
