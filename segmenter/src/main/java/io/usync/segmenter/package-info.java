/**
 * Turns a folder into segments ready to post and article bodies back into bytes: directory scan
 * ({@code scan}), small-file packing ({@code pack}), segment planning, mmap reading
 * ({@code read}), optional zstd ({@code compress}) and the yEnc 1.3 codec ({@code yenc}).
 */
package io.usync.segmenter;
