/**
 * Reads blobs segment by segment in one pass: files through memory-mapped windows
 * ({@code FileChannel.map} into a shared {@code Arena}, unmapped deterministically once every
 * slice of a window is released), packs through pooled buffers filled from their member files,
 * hashing each blob (and each pack member) with SHA-256 on the way and reporting a file that
 * changed or shrank as a value.
 */
package io.usync.segmenter.read;
