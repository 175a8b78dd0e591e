/*
 * The yEnc decoder kernel of libusync-yenc: the whole DATA state of io.usync.segmenter.yenc.YencDecoder
 * (escapes, line starts, dot un-stuffing, CR/LF dropping) for one chunk, byte-identical to its byte path.
 *
 * 64 bytes at a time: AVX2 compares find '=', CR and LF. The byte after each '=' (the '=' mask shifted
 * by one byte, the previous block's last '=' carried in) loses 64 more than the 42 all bytes lose,
 * and each 8-byte lane keeps its other bytes with one PEXT (the keep mask is the inverted compare
 * result), stored at offsets from POPCNT of the special masks. There is no separate path for blocks
 * without specials: on random data about half the blocks have one, and the mispredicted branch cost
 * more than it saved. Blocks where the escape or line-start rules need a closer look (an escaped
 * '=', CR or LF, a line starting with CR, LF, a stuffed dot or "=y": the shifted '=' and LF masks
 * ANDed with the special bytes, all in vector registers) go to the byte loop, which also
 * takes both ends of the chunk and the last bytes before the output is full. A line starting with
 * '=' and no 'y' is an ordinary escape (about one line in forty on random data: sending those to the
 * byte loop cost some 10% of the kernel's time), but one in a block's last byte still goes there.
 *
 * On CPUs with AVX512BW and AVX512-VBMI2 the same loop runs 64 bytes a step on mask registers: the
 * shifted masks are plain 64-bit shifts, and VPCOMPRESSB keeps the bytes in one instruction where
 * the AVX2 loop needs eight PEXTs (its register form: the one that stores is slow on AMD's Zen 4).
 *
 * With USYNC_YD_CRC (CPUs with VPCLMULQDQ) the vector loop stops every CRC_BURST output bytes so
 * yenc_crc.h folds them into the part's CRC-32 while they are in L1: on a 700 KiB part that costs
 * about 0.11 cycles a byte here, where java.util.zip.CRC32 over the finished part cost 0.27.
 */
#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include "usync_yenc.h"
#include "yenc_crc.h"

#define BLOCK 32
/* With USYNC_YD_CRC the output is folded into the CRC every this many bytes, while still in L1... */
#define CRC_BURST 4096
/* ...up to this far behind the write position (the newest stores may not have reached L1 yet). */
#define CRC_LAG 64

/*
 * The byte-at-a-time state machine from in[*ip] up to stop: returns 1 when it stopped early (a
 * keyword line's "=y" was consumed, or the next output byte would not fit), else 0.
 */
static int decode_bytes(const uint8_t *in, int64_t *ip, int64_t stop, uint8_t *out, int64_t *op,
                        int64_t cap, int64_t *statep) {
    int64_t i = *ip;
    int64_t o = *op;
    int64_t s = *statep;
    int early = 0;
    while (i < stop) {
        uint8_t b = in[i];
        if (s & USYNC_YD_LINE_EQUALS) {
            s &= ~USYNC_YD_LINE_EQUALS;
            if (b == 'y') {
                i++;
                s |= USYNC_YD_KEYWORD;
                early = 1;
                break;
            }
            s |= USYNC_YD_ESCAPE;
        }
        if (s & USYNC_YD_LINE_DOT) {
            if (o >= cap) {
                early = 1;
                break;
            }
            out[o++] = (uint8_t) ('.' - 42);
            s &= ~USYNC_YD_LINE_DOT;
            if (b == '.') {
                i++;
                continue;
            }
        }
        if (s & USYNC_YD_ESCAPE) {
            if (b != '\r' && b != '\n') {
                if (o >= cap) {
                    early = 1;
                    break;
                }
                out[o++] = (uint8_t) (b - 106);
                s &= ~USYNC_YD_ESCAPE;
                i++;
                continue;
            }
            s &= ~USYNC_YD_ESCAPE;
        }
        if (b == '\n') {
            s |= USYNC_YD_LINE_START;
            i++;
            continue;
        }
        if (b == '\r') {
            i++;
            continue;
        }
        if (s & USYNC_YD_LINE_START) {
            if (b == '=') {
                s = (s & ~USYNC_YD_LINE_START) | USYNC_YD_LINE_EQUALS;
                i++;
                continue;
            }
            if (b == '.' && (s & USYNC_YD_UNSTUFF)) {
                s = (s & ~USYNC_YD_LINE_START) | USYNC_YD_LINE_DOT;
                i++;
                continue;
            }
            if (o >= cap) {
                early = 1;
                break;
            }
            s &= ~USYNC_YD_LINE_START;
        }
        if (b == '=') {
            s |= USYNC_YD_ESCAPE;
            i++;
            continue;
        }
        if (o >= cap) {
            early = 1;
            break;
        }
        out[o++] = (uint8_t) (b - 42);
        i++;
    }
    *ip = i;
    *op = o;
    *statep = s;
    return early;
}

/* Keeps the bytes of one 8-byte lane whose bit in removed (8 bits) is clear; returns the next output. */
static inline uint8_t *keep_lane(uint8_t *o, uint64_t word, uint32_t removed) {
    uint64_t keep = _pdep_u64(~removed & 0xFFu, 0x0101010101010101ull) * 0xFF;
    uint64_t packed = _pext_u64(word, keep);
    __builtin_memcpy(o, &packed, 8);
    return o + 8 - __builtin_popcount(removed & 0xFFu);
}

/* Writes the bytes of y whose keep byte is 0xFF (removed: the 32 bits of the others); returns the next output. */
static inline uint8_t *keep_block(uint8_t *op, __m256i y, __m256i km, uint32_t removed) {
    __m128i ylo = _mm256_castsi256_si128(y), yhi = _mm256_extracti128_si256(y, 1);
    __m128i klo = _mm256_castsi256_si128(km), khi = _mm256_extracti128_si256(km, 1);
    uint64_t p0 = _pext_u64((uint64_t) _mm_cvtsi128_si64(ylo), (uint64_t) _mm_cvtsi128_si64(klo));
    uint64_t p1 = _pext_u64((uint64_t) _mm_extract_epi64(ylo, 1), (uint64_t) _mm_extract_epi64(klo, 1));
    uint64_t p2 = _pext_u64((uint64_t) _mm_cvtsi128_si64(yhi), (uint64_t) _mm_cvtsi128_si64(khi));
    uint64_t p3 = _pext_u64((uint64_t) _mm_extract_epi64(yhi, 1), (uint64_t) _mm_extract_epi64(khi, 1));
    int c0 = 8 - __builtin_popcount(removed & 0xFFu);
    int c1 = 16 - __builtin_popcount(removed & 0xFFFFu);
    int c2 = 24 - __builtin_popcount(removed & 0xFFFFFFu);
    __builtin_memcpy(op, &p0, 8);
    __builtin_memcpy(op + c0, &p1, 8);
    __builtin_memcpy(op + c1, &p2, 8);
    __builtin_memcpy(op + c2, &p3, 8);
    return op + 32 - __builtin_popcount(removed);
}

int usync_yenc_decode_wide(void) {
    static int wide = -1;
    if (wide < 0) {
        __builtin_cpu_init();
        /* libgcc sets the AVX-512 features only where the system saves the ZMM registers (XGETBV). */
        wide = __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2");
    }
    return wide;
}

/*
 * The vector loop on AVX-512 (see the AVX2 loop in usync_yenc_decode, which this mirrors bit for
 * bit): from in[*ip] while a whole 64-byte block is left and the output is at most o_last, stopping
 * before a block the byte loop must take. *prev_eq and *prev_lf carry the last block's '=' and LF.
 */
__attribute__((target("avx512f,avx512bw,avx512vbmi2")))
static void vector_loop_wide(const uint8_t *in, int64_t in_len, uint8_t *out, int64_t *ip, int64_t *op,
                             int64_t o_last, int unstuff, uint64_t *prev_eq, uint64_t *prev_lf) {
    const __m512i eq_v = _mm512_set1_epi8('=');
    const __m512i cr_v = _mm512_set1_epi8('\r');
    const __m512i lf_v = _mm512_set1_epi8('\n');
    const __m512i dot_v = _mm512_set1_epi8('.');
    const __m512i y_v = _mm512_set1_epi8('y');
    const __m512i k42 = _mm512_set1_epi8(42);
    const __m512i k64 = _mm512_set1_epi8(64);
    int64_t i = *ip;
    int64_t o = *op;
    uint64_t pe = *prev_eq;
    uint64_t pl = *prev_lf;
    while (i + 2 * BLOCK <= in_len && o <= o_last) {
        __m512i v = _mm512_loadu_si512((const void *) (in + i));
        uint64_t eqs = _mm512_cmpeq_epi8_mask(v, eq_v);
        uint64_t lfs = _mm512_cmpeq_epi8_mask(v, lf_v);
        uint64_t crs = _mm512_cmpeq_epi8_mask(v, cr_v);
        uint64_t special = eqs | lfs | crs;
        uint64_t esc = eqs << 1 | pe;
        uint64_t start = lfs << 1 | pl;
        /* A line-start '=' is a hazard when 'y' follows, or when its follower is in the next block. */
        uint64_t next_y = _mm512_cmpeq_epi8_mask(v, y_v) >> 1 | 1ull << 63;
        uint64_t line_hazard = lfs | crs | (eqs & next_y);
        if (unstuff) {
            line_hazard |= _mm512_cmpeq_epi8_mask(v, dot_v);
        }
        if ((esc & special) | (start & line_hazard)) {
            break; /* the byte loop takes this block */
        }
        __m512i y = _mm512_sub_epi8(v, k42);
        y = _mm512_mask_sub_epi8(y, esc, y, k64);
        _mm512_storeu_si512((void *) (out + o), _mm512_maskz_compress_epi8(~special, y));
        o += 2 * BLOCK - __builtin_popcountll(special);
        i += 2 * BLOCK;
        pe = eqs >> 63;
        pl = lfs >> 63;
    }
    *ip = i;
    *op = o;
    *prev_eq = pe;
    *prev_lf = pl;
}

void usync_yenc_decode(const uint8_t *in, int64_t in_len, uint8_t *out, int64_t out_cap, int64_t *pos) {
    int64_t i = pos[0];
    int64_t o = pos[1];
    const int wide = !(pos[2] & USYNC_YD_NARROW) && usync_yenc_decode_wide();
    int64_t s = pos[2] & (USYNC_YD_ESCAPE | USYNC_YD_LINE_START | USYNC_YD_LINE_EQUALS
                          | USYNC_YD_LINE_DOT | USYNC_YD_UNSTUFF | USYNC_YD_CRC);
    const int unstuff = (s & USYNC_YD_UNSTUFF) != 0;
    const int crc = (s & USYNC_YD_CRC) != 0;
    int64_t c = pos[3];
    usync_crc_run run;
    usync_crc_run_init(&run, (uint32_t) pos[4]);
    /* The output position past which the next CRC burst runs (never without USYNC_YD_CRC). */
    int64_t crc_next = crc ? c + CRC_BURST : INT64_MAX;
    const __m256i eq_v = _mm256_set1_epi8('=');
    const __m256i cr_v = _mm256_set1_epi8('\r');
    const __m256i lf_v = _mm256_set1_epi8('\n');
    const __m256i dot_v = _mm256_set1_epi8('.');
    const __m256i k42 = _mm256_set1_epi8(42);
    const __m256i k64 = _mm256_set1_epi8(64);
    const __m256i y_v = _mm256_set1_epi8('y');
    const __m256i ones = _mm256_set1_epi8(-1);
    for (;;) {
        /* The vector loops also stop for the CRC's next burst (not a call inside them: that would
           push their constants out of registers). */
        const int64_t o_last = out_cap - 2 * BLOCK < crc_next ? out_cap - 2 * BLOCK : crc_next;
        if (wide && !(s & (USYNC_YD_LINE_EQUALS | USYNC_YD_LINE_DOT))) {
            uint64_t prev_eq = (s & USYNC_YD_ESCAPE) != 0;
            uint64_t prev_lf = (s & USYNC_YD_LINE_START) != 0;
            vector_loop_wide(in, in_len, out, &i, &o, o_last, unstuff, &prev_eq, &prev_lf);
            s = (s & (USYNC_YD_UNSTUFF | USYNC_YD_CRC)) | (prev_eq ? USYNC_YD_ESCAPE : 0)
                    | (prev_lf ? USYNC_YD_LINE_START : 0);
        } else if (!(s & (USYNC_YD_LINE_EQUALS | USYNC_YD_LINE_DOT))) {
            /* The last block's '=' and LF masks, carried as vectors (only byte 31 matters). */
            __m256i prev_eqs = (s & USYNC_YD_ESCAPE) ? _mm256_set1_epi8(-1) : _mm256_setzero_si256();
            __m256i prev_lfs = (s & USYNC_YD_LINE_START) ? _mm256_set1_epi8(-1) : _mm256_setzero_si256();
            while (i + 2 * BLOCK <= in_len && o <= o_last) {
                __m256i v0 = _mm256_loadu_si256((const __m256i *) (in + i));
                __m256i v1 = _mm256_loadu_si256((const __m256i *) (in + i + BLOCK));
                __m256i eqs0 = _mm256_cmpeq_epi8(v0, eq_v);
                __m256i eqs1 = _mm256_cmpeq_epi8(v1, eq_v);
                __m256i lfs0 = _mm256_cmpeq_epi8(v0, lf_v);
                __m256i lfs1 = _mm256_cmpeq_epi8(v1, lf_v);
                __m256i sp0 = _mm256_or_si256(_mm256_or_si256(eqs0, lfs0), _mm256_cmpeq_epi8(v0, cr_v));
                __m256i sp1 = _mm256_or_si256(_mm256_or_si256(eqs1, lfs1), _mm256_cmpeq_epi8(v1, cr_v));
                /* The '=' and LF masks one byte later (the previous block's last bytes carried in). */
                __m256i esc0 = _mm256_alignr_epi8(eqs0, _mm256_permute2x128_si256(prev_eqs, eqs0, 0x21), 15);
                __m256i esc1 = _mm256_alignr_epi8(eqs1, _mm256_permute2x128_si256(eqs0, eqs1, 0x21), 15);
                __m256i st0 = _mm256_alignr_epi8(lfs0, _mm256_permute2x128_si256(prev_lfs, lfs0, 0x21), 15);
                __m256i st1 = _mm256_alignr_epi8(lfs1, _mm256_permute2x128_si256(lfs0, lfs1, 0x21), 15);
                /* A line starting with '=' is an ordinary escape unless 'y' follows (a keyword line); the
                   last byte's follower is in the next block, so a line-start '=' there stays a hazard. */
                __m256i ys0 = _mm256_cmpeq_epi8(v0, y_v);
                __m256i ys1 = _mm256_cmpeq_epi8(v1, y_v);
                __m256i ny0 = _mm256_alignr_epi8(_mm256_permute2x128_si256(ys0, ys1, 0x21), ys0, 1);
                __m256i ny1 = _mm256_alignr_epi8(_mm256_permute2x128_si256(ys1, ones, 0x21), ys1, 1);
                __m256i lh0 = _mm256_or_si256(_mm256_or_si256(lfs0, _mm256_cmpeq_epi8(v0, cr_v)), _mm256_and_si256(eqs0, ny0));
                __m256i lh1 = _mm256_or_si256(_mm256_or_si256(lfs1, _mm256_cmpeq_epi8(v1, cr_v)), _mm256_and_si256(eqs1, ny1));
                if (unstuff) {
                    lh0 = _mm256_or_si256(lh0, _mm256_cmpeq_epi8(v0, dot_v));
                    lh1 = _mm256_or_si256(lh1, _mm256_cmpeq_epi8(v1, dot_v));
                }
                __m256i hz = _mm256_or_si256(_mm256_or_si256(_mm256_and_si256(esc0, sp0), _mm256_and_si256(esc1, sp1)),
                                             _mm256_or_si256(_mm256_and_si256(st0, lh0), _mm256_and_si256(st1, lh1)));
                if (!_mm256_testz_si256(hz, hz)) {
                    break; /* the byte loop takes these blocks */
                }
                uint64_t special = (uint32_t) _mm256_movemask_epi8(sp0) | ((uint64_t) (uint32_t) _mm256_movemask_epi8(sp1) << 32);
                __m256i y0 = _mm256_sub_epi8(_mm256_sub_epi8(v0, k42), _mm256_and_si256(esc0, k64));
                __m256i y1 = _mm256_sub_epi8(_mm256_sub_epi8(v1, k42), _mm256_and_si256(esc1, k64));
                __m256i km0 = _mm256_andnot_si256(sp0, ones);
                __m256i km1 = _mm256_andnot_si256(sp1, ones);
                uint8_t *op = out + o;
                op = keep_block(op, y0, km0, (uint32_t) special);
                op = keep_block(op, y1, km1, (uint32_t) (special >> 32));
                o = op - out;
                i += 2 * BLOCK;
                prev_eqs = eqs1;
                prev_lfs = lfs1;
            }
            s = (s & (USYNC_YD_UNSTUFF | USYNC_YD_CRC)) | ((_mm256_movemask_epi8(prev_eqs) >> 31) ? USYNC_YD_ESCAPE : 0)
                    | ((_mm256_movemask_epi8(prev_lfs) >> 31) ? USYNC_YD_LINE_START : 0);
        }
        if (o > crc_next) {
            usync_crc_run_fold(&run, out, &c, o - CRC_LAG);
            crc_next = c + CRC_BURST;
            continue;
        }
        if (i >= in_len) {
            break;
        }
        int64_t stop = in_len - i > 2 * BLOCK ? i + 2 * BLOCK : in_len;
        if (decode_bytes(in, &i, stop, out, &o, out_cap, &s)) {
            break;
        }
    }
    if (crc) {
        pos[3] = o;
        pos[4] = (int64_t) usync_crc_run_end(&run, out, c, o);
    }
    pos[0] = i;
    pos[1] = o;
    pos[2] = s & ~USYNC_YD_CRC;
}
