package io.usync.upload;

import io.usync.core.ShareKind;
import io.usync.core.ShareLocator;
import io.usync.core.crypto.ShareKeys;

/**
 * What every worker needs to know about the share being uploaded: its locator, working keys,
 * kind (empty for plain mode), the version being built, and the newsgroups line.
 */
record ShareContext(ShareLocator locator, ShareKeys keys, java.util.Optional<ShareKind> kind, int version,
        String newsgroups, String messageIdDomain) {

    /** Validates the parts. */
    ShareContext {
        if (locator == null || keys == null || kind == null || version < 1 || newsgroups == null
                || messageIdDomain == null) {
            throw new IllegalArgumentException("incomplete share context");
        }
    }

    /** Whether this is a plain (unencrypted, real names) upload. */
    boolean plain() {
        return kind.isEmpty();
    }
}
