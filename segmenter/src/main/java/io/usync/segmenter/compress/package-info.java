/**
 * Optional zstd compression of segments (RFC 8878 frames via zstd-jni), used only where it saves
 * enough; decompression reads the frame header first and refuses frames whose declared window or
 * content size exceeds a bound, before allocating anything.
 */
package io.usync.segmenter.compress;
