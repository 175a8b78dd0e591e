/*
 * libusync-yenc: usync's optional native yEnc kernels (AVX2 + BMI2), and the readers' SHA-256
 * (sha256.c, the SHA extensions only after usync_sha256_ni_ok() returned 1), called from Java through
 * the FFM API (io.usync.segmenter.yenc.NativeYenc). build.sh compiles every *.c of this folder into one
 * shared library: yenc_cpu.c without CPU flags, every other file with -mavx2 -mbmi2 -mpopcnt -mpclmul
 * -mvpclmulqdq, so kernels may use AVX2/BMI2 freely but must only run after usync_yenc_cpu_ok()
 * returned 1, and VPCLMULQDQ (the decoder's USYNC_YD_CRC, the encoder's crc) only after usync_yenc_crc_ok() returned 1.
 * The decoder's AVX-512 loop is compiled for its own target (a function attribute) and runs only where
 * usync_yenc_decode_wide() says the CPU has it.
 */
#ifndef USYNC_YENC_H
#define USYNC_YENC_H

#include <stdint.h>

/** 1 when this CPU has AVX2, BMI2 and POPCNT (what the kernels are compiled for), else 0. */
int usync_yenc_cpu_ok(void);

/** 1 when this CPU also has PCLMULQDQ and VPCLMULQDQ (256-bit), so the kernels may fold the CRC-32; else 0. */
int usync_yenc_crc_ok(void);

/* Decoder state bits, in and out of usync_yenc_decode (mirrored in NativeBlockDecoder.java). */
#define USYNC_YD_ESCAPE        1  /* the last byte was an '=' escape */
#define USYNC_YD_LINE_START    2  /* the next byte starts a line */
#define USYNC_YD_LINE_EQUALS   4  /* a line started with '=': 'y' next makes it a keyword line */
#define USYNC_YD_LINE_DOT      8  /* a line started with '.' while unstuffing */
#define USYNC_YD_UNSTUFF      16  /* in only: un-stuff ".." at line starts */
#define USYNC_YD_KEYWORD      32  /* out only: stopped right after a line's "=y" */
#define USYNC_YD_CRC          64  /* in only: also keep the CRC-32 of the output in pos[3], pos[4] */
#define USYNC_YD_NARROW      128  /* in only: the AVX2 loop even where the AVX-512 one could run (tests) */

/**
 * 1 when usync_yenc_decode runs its AVX-512 loop on this CPU (AVX512BW and AVX512-VBMI2, with the
 * system saving their registers) unless told USYNC_YD_NARROW, else 0.
 */
int usync_yenc_decode_wide(void);

/**
 * Decodes yEnc data from in[pos[0]] (below in_len) into out[pos[1]] (never at or past out_cap)
 * with state pos[2]; returns with pos[] updated. Stops at the end of input, right after the "=y"
 * opening a keyword line (state gets USYNC_YD_KEYWORD), or before a byte whose output would not
 * fit (the caller's byte path takes over). With USYNC_YD_CRC in pos[2], pos[4] holds the CRC-32 of
 * out[0..pos[3]) on entry (pos[3] at most pos[1]; output written by others in between is included)
 * and of out[0..pos[1]) on return, pos[3] = pos[1]; the CRC is folded while the output is in L1.
 */
void usync_yenc_decode(const uint8_t *in, int64_t in_len, uint8_t *out, int64_t out_cap, int64_t *pos);

/**
 * Encodes in[0..in_len) as CRLF-terminated lines into out from out_pos and returns the position
 * after the last line (out_pos when in_len is 0), or -1 when the output would pass out_cap.
 * Writes nothing at or past out_cap; bytes between the returned position and out_cap may change.
 * When crc is not NULL (only after usync_yenc_crc_ok() returned 1) it also stores the CRC-32 of
 * in[0..in_len) there (unless it returns -1), folded while the input is in L1.
 */
int64_t usync_yenc_encode(const uint8_t *in, int64_t in_len, uint8_t *out, int64_t out_cap,
                          int64_t out_pos, int32_t line_length, uint32_t *crc);

/**
 * The index of the first LF in [from, to - 1) of the memory at address whose next byte is a dot,
 * or -1 (the NNTP reply parser's search for dot-stuffed lines and the terminator); reads only
 * bytes in [from, to). The address is an integer so that a caller passes a direct buffer's.
 */
int64_t usync_find_lf_dot(int64_t address, int64_t from, int64_t to);

/** 1 when this CPU has the SHA extensions (with SSSE3 and SSE4.1), so usync_sha256_blocks may use them; else 0. */
int usync_sha256_ni_ok(void);

/**
 * Runs the SHA-256 compression (FIPS 180-4 6.2.2) over blocks 64-byte blocks of in, updating the
 * eight state words H0..H7 in place; with the SHA extensions when use_ni (only after
 * usync_sha256_ni_ok() returned 1), else in portable C. The caller pads the message.
 */
void usync_sha256_blocks(uint32_t *state, const uint8_t *in, int64_t blocks, int32_t use_ni);

/** The portable C form of usync_sha256_blocks. */
void usync_sha256_blocks_portable(uint32_t *state, const uint8_t *in, int64_t blocks);

#endif
