package io.usync.upload;

import io.usync.core.ShareLocator;
import io.usync.index.ShareMode;
import io.usync.index.ShareRecord;
import java.util.List;
import java.util.Optional;

/** What the index knows about a share, as the {@code usync shares} command shows it. */
public final class StoredShares {

    private StoredShares() {
    }

    /** The share id text of a stored share-mode share (empty for plain uploads or damaged key material). */
    public static Optional<String> shareIdText(ShareRecord record) {
        if (record.mode() == ShareMode.PLAIN) {
            return Optional.empty();
        }
        try {
            ShareSecrets secrets = ShareSecrets.decode(record.publicKeyMaterial());
            ResolvedShare share = new ResolvedShare(record, ShareLocator.of(record.locator()), secrets, false,
                    List.of());
            return Optional.of(ShareResolver.shareId(share).asText());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
