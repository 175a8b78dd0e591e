/**
 * Uploads to the real INN2 test server: what lands there (every header and yEnc line of a share's
 * articles against RFC 5536 and the yEnc 1.3 draft, read back with ARTICLE per RFC 3977 section
 * 6.2.1 and decoded by a decoder independent of the project's) and resuming an interrupted upload.
 */
package io.usync.it.upload;
