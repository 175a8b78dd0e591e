/**
 * Output on disk: preallocated {@code .usync-part} files written only at positional offsets,
 * SHA-256 verification and rename into place with the original modification time, and the
 * append-only resume log under {@code <out>/.usync/}.
 */
package io.usync.download.output;
