/**
 * The NZB 1.1 model with a streaming, escaping writer and a streaming StAX reader hardened against
 * external entities, remote DTDs and entity expansion (NZB 1.1 DTD by newzbin; XML 1.0).
 */
package io.usync.core.nzb;
