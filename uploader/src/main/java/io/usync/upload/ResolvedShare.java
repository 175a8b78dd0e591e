package io.usync.upload;

import io.usync.core.ShareLocator;
import io.usync.index.ShareRecord;

/** The share an upload works on: its index record, locator and secrets. */
record ResolvedShare(ShareRecord record, ShareLocator locator, ShareSecrets secrets, boolean created) {
}
