/**
 * yEnc 1.3 (draft by Juergen Helbing, 2002): multi-part encoding into caller-supplied buffers, a
 * streaming decoder fed straight from network chunks, and zlib-style CRC-32 combination.
 *
 * <p>Output byte = (input + 42) mod 256; NUL, LF, CR and '=' are always escaped as '=' followed by
 * (output + 64) mod 256; TAB and SPACE are escaped at the first and last column of a line and as
 * the part's last byte; '.' is escaped at the first column, so bodies never need dot-stuffing
 * (RFC 3977 section 3.1.1). Lines hold {@code line} characters, one more when an escape pair
 * straddles the edge. The fast codecs run native AVX2 + BMI2 kernels (libusync-yenc, built from
 * {@code src/main/c} and called through the FFM API; see {@code NativeYenc}) when available, and
 * otherwise work on eight bytes at a time (SWAR on {@code long}s); the {@code Reference*} classes
 * are plain byte-at-a-time versions kept as the test oracle.
 */
package io.usync.segmenter.yenc;
