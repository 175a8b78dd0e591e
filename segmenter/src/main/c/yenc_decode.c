/*
 * The yEnc decoder kernel of libusync-yenc: the whole DATA state of io.usync.segmenter.yenc.YencDecoder
 * (escapes, line starts, dot un-stuffing, CR/LF dropping) for one chunk, byte-identical to its byte path.
 *
 * 32 bytes at a time: three AVX2 compares find '=', CR and LF. A block with none is stored minus 42.
 * Otherwise the byte after each '=' (the '=' mask shifted by one byte, with the previous block's last
 * '=' carried in) loses 64 more, and each 8-byte lane keeps its other bytes with one PEXT and moves
 * the output on by their count. A block where the escape or line-start rules need a closer look
 * (an escaped '=', CR or LF, a line starting with '=', CR, LF or a stuffed dot) is decoded by the
 * byte loop, which also takes both ends of the chunk and the last bytes before the output is full.
 */
#include <immintrin.h>
#include <stddef.h>
#include "usync_yenc.h"

#define BLOCK 32

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

void usync_yenc_decode(const uint8_t *in, int64_t in_len, uint8_t *out, int64_t out_cap, int64_t *pos) {
    int64_t i = pos[0];
    int64_t o = pos[1];
    int64_t s = pos[2] & (USYNC_YD_ESCAPE | USYNC_YD_LINE_START | USYNC_YD_LINE_EQUALS
                          | USYNC_YD_LINE_DOT | USYNC_YD_UNSTUFF);
    const int unstuff = (s & USYNC_YD_UNSTUFF) != 0;
    const __m256i eq_v = _mm256_set1_epi8('=');
    const __m256i cr_v = _mm256_set1_epi8('\r');
    const __m256i lf_v = _mm256_set1_epi8('\n');
    const __m256i dot_v = _mm256_set1_epi8('.');
    const __m256i k42 = _mm256_set1_epi8(42);
    const __m256i k64 = _mm256_set1_epi8(64);
    for (;;) {
        while (i + BLOCK <= in_len && o + BLOCK <= out_cap
               && !(s & (USYNC_YD_LINE_EQUALS | USYNC_YD_LINE_DOT))) {
            __m256i v = _mm256_loadu_si256((const __m256i *) (in + i));
            __m256i eqs = _mm256_cmpeq_epi8(v, eq_v);
            __m256i specials = _mm256_or_si256(eqs, _mm256_or_si256(_mm256_cmpeq_epi8(v, cr_v),
                                                                     _mm256_cmpeq_epi8(v, lf_v)));
            if (!(s & (USYNC_YD_ESCAPE | USYNC_YD_LINE_START)) && _mm256_testz_si256(specials, specials)) {
                _mm256_storeu_si256((__m256i *) (out + o), _mm256_sub_epi8(v, k42));
                i += BLOCK;
                o += BLOCK;
                continue;
            }
            uint32_t eq = (uint32_t) _mm256_movemask_epi8(eqs);
            uint32_t special = (uint32_t) _mm256_movemask_epi8(specials);
            uint32_t lf = (uint32_t) _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, lf_v));
            uint32_t escaped = (eq << 1) | (uint32_t) (s & USYNC_YD_ESCAPE);
            uint32_t starts = (lf << 1) | (uint32_t) ((s & USYNC_YD_LINE_START) != 0);
            uint32_t line_hazard = special;
            if (unstuff) {
                line_hazard |= (uint32_t) _mm256_movemask_epi8(_mm256_cmpeq_epi8(v, dot_v));
            }
            if ((escaped & special) | (starts & line_hazard)) {
                break; /* the byte loop takes this block */
            }
            /* The '=' mask one byte later (the previous block's last '=' carried in): those lose 64 more. */
            __m256i low_to_high = _mm256_permute2x128_si256(eqs, eqs, 0x08);
            __m256i esc = _mm256_alignr_epi8(eqs, low_to_high, 15);
            esc = _mm256_or_si256(esc, _mm256_set_epi64x(0, 0, 0, (s & USYNC_YD_ESCAPE) ? 0xFF : 0));
            __m256i y = _mm256_sub_epi8(_mm256_sub_epi8(v, k42), _mm256_and_si256(esc, k64));
            uint8_t *op = out + o;
            op = keep_lane(op, (uint64_t) _mm256_extract_epi64(y, 0), special);
            op = keep_lane(op, (uint64_t) _mm256_extract_epi64(y, 1), special >> 8);
            op = keep_lane(op, (uint64_t) _mm256_extract_epi64(y, 2), special >> 16);
            op = keep_lane(op, (uint64_t) _mm256_extract_epi64(y, 3), special >> 24);
            o = op - out;
            i += BLOCK;
            s = (s & USYNC_YD_UNSTUFF) | ((eq >> 31) ? USYNC_YD_ESCAPE : 0) | ((lf >> 31) ? USYNC_YD_LINE_START : 0);
        }
        if (i >= in_len) {
            break;
        }
        int64_t stop = in_len - i > BLOCK ? i + BLOCK : in_len;
        if (decode_bytes(in, &i, stop, out, &o, out_cap, &s)) {
            break;
        }
    }
    pos[0] = i;
    pos[1] = o;
    pos[2] = s;
}
