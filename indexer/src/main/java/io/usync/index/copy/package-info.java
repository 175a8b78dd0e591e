/**
 * PostgreSQL binary COPY written by hand (the format in the PostgreSQL manual, "COPY", section
 * "Binary Format": an 11-byte signature, flags and header-extension words, tuples of a 16-bit
 * field count and length-prefixed big-endian fields, and a -1 trailer), streamed through pgjdbc's
 * {@code CopyManager} in batches bounded by rows and time; an error always cancels the active COPY
 * and rolls back, so a batch is stored whole or not at all.
 */
package io.usync.index.copy;
