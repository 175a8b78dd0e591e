/**
 * The download pipeline: a share id or an NZB becomes a plan of output files, whose segments are
 * fetched with {@code BODY} (RFC 3977 section 6.2.3) across read servers, yEnc-decoded (yEnc 1.3)
 * and CRC-checked, opened (AES-256-GCM, share format v1), decompressed, written at their offsets,
 * verified with SHA-256 and renamed into place. State for resume lives next to the target under
 * {@code .usync/}; no database is needed.
 */
package io.usync.download;
