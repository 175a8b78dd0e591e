/**
 * Small files packed together into pack blobs: the members' real bytes back to back, then a table
 * (path, offset, length, SHA-256 per member) and a fixed 20-byte trailer locating the table.
 *
 * <p>Layout (all integers big-endian): {@code member bytes... | table | trailer}; table =
 * {@code "USPK" u8 version=1, u32 count, count x (u16 pathLength, UTF-8 path, u64 offset,
 * u64 length, 32-byte SHA-256)}; trailer = {@code u64 tableOffset, u32 tableLength,
 * u32 crc32(table), "USPT"}.
 */
package io.usync.segmenter.pack;
