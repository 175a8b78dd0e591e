package io.usync.upload;

import io.usync.core.ShareLocator;
import io.usync.core.crypto.RecipientPublicKey;
import io.usync.index.ShareRecord;
import java.util.List;

/**
 * The share an upload works on: its index record, locator and secrets, and the recipients this
 * upload adds to a private share's earlier ones (empty otherwise).
 */
record ResolvedShare(ShareRecord record, ShareLocator locator, ShareSecrets secrets, boolean created,
        List<RecipientPublicKey> addedRecipients) {

    /** Copies the list. */
    ResolvedShare {
        addedRecipients = List.copyOf(addedRecipients);
    }
}
