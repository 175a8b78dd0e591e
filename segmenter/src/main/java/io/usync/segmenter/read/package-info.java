/**
 * Reads blobs segment by segment in one pass: files through memory-mapped windows
 * ({@code FileChannel.map} into a shared {@code Arena}, unmapped deterministically as the reader
 * moves on), each segment copied out of the mapping into a pooled buffer so that no slice ever
 * reads a mapping (a file truncated under a mapping faults with SIGBUS, fatal inside JVM
 * intrinsics), packs through pooled buffers filled from their member files, hashing each blob (and
 * each pack member) with SHA-256 (FIPS 180-4) on the way and reporting a file that changed, shrank
 * or was truncated as a value. The digest ({@code Sha256}) is libusync-yenc's on CPUs with the x86
 * SHA extensions (as fast in C1 code as in C2 code), else the JDK's.
 */
package io.usync.segmenter.read;
