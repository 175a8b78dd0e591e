/**
 * The upload pipeline: scan, pack, plan, record intent in the index, read, compress, seal (share
 * modes), yEnc-encode, POST through the cluster, check with a delayed STAT, re-post what is
 * missing, and publish the manifest and the share id (or an NZB in plain mode).
 *
 * <p>References: RFC 3977 (POST, STAT), RFC 5536 (article headers), the yEnc 1.3 draft, the NZB
 * 1.1 DTD, and docs/share-format.md for everything posted in share modes.
 */
package io.usync.upload;
