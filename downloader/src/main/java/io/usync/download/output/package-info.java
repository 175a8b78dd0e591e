/**
 * Output on disk: preallocated {@code .usync-part} files written only at positional offsets,
 * SHA-256 verification and rename into place with the original modification time, and the
 * append-only resume log under {@code <out>/.usync/}; a file one article fills is written unnamed
 * ({@code O_TMPFILE}, open(2)) and linked under its name (linkat(2)) once verified.
 */
package io.usync.download.output;
