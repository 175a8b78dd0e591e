/**
 * Reading a usync share (docs/share-format.md): probing manifest header ids for the newest
 * version, recovering the root key for the share's kind (public, password, recipient key),
 * authenticating the sealed descriptor and pages, and opening sealed segments (AES-256-GCM with
 * associated data binding share, blob, segment index and last flag; NIST SP 800-38D).
 */
package io.usync.download.share;
