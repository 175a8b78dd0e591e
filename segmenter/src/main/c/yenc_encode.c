/*
 * The yEnc 1.3 body encoder of libusync-yenc (AVX2 + BMI2 + POPCNT), byte for byte the output of
 * io.usync.segmenter.yenc.YencEncoder.encodeBody: every byte is (in + 42) mod 256; NUL, LF, CR and
 * '=' are escaped everywhere, TAB and SPACE also in a line's last column and as the part's last
 * byte, and '.' (with TAB and SPACE) in a line's first column; a line ends with CR LF once it has
 * line_length columns (an escape pair may make it line_length + 1) and after the part's last byte.
 *
 * How: a line's first and last columns go a byte at a time (the rules differ there); between
 * them the input goes 32 bytes at a time. A block without a critical byte (NUL, LF, CR, '=' after
 * adding 42) is stored whole; otherwise each 8-byte lane is expanded with one byte shuffle whose
 * control comes from a 256-entry table indexed by the lane's critical bits ('=' inserted before
 * each critical byte, already raised by 64). A block that runs past the line's last column is
 * taken back: the output slots where input bytes start form a bit mask (BMI2 deposit/extract),
 * whose population below the last column is the count of bytes that belong to this line.
 *
 * With a crc pointer (CPUs with VPCLMULQDQ only) the input is folded into the part's CRC-32 every
 * CRC_BURST bytes, right behind the encoder while it is still in L1 (yenc_crc.h), so Java need not
 * read the part a second time for its =yend pcrc32.
 */
#include <immintrin.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "usync_yenc.h"
#include "yenc_crc.h"

/* Encoded values escaped anywhere in a line: NUL, LF, CR, '=' (a bit per value; all below 64). */
#define MIDDLE_SET ((1ull << 0) | (1ull << '\n') | (1ull << '\r') | (1ull << '='))
/* Escaped in the last column and as the part's last byte: also TAB and SPACE. */
#define LAST_SET (MIDDLE_SET | (1ull << '\t') | (1ull << ' '))
/* Escaped in the first column: also '.'. */
#define FIRST_SET (LAST_SET | (1ull << '.'))

/* With a crc pointer, the input read so far is folded into the CRC every this many bytes. */
#define CRC_BURST 4096

/* A vector block may write up to 64 bytes from the output position, plus a line end. */
#define BLOCK_OUT_SLACK 96

/* For each 8-bit mask of a lane's critical bytes: the shuffle control that writes the lane with an
 * '=' (source byte 8) before each critical byte; unused slots read 0x80 (zero). */
static uint8_t expand_control[256][16] __attribute__((aligned(16)));
static uint8_t expand_length[256];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void build_tables(void) {
    for (int m = 0; m < 256; m++) {
        int k = 0;
        for (int j = 0; j < 8; j++) {
            if (m >> j & 1) {
                expand_control[m][k++] = 8;
            }
            expand_control[m][k++] = (uint8_t) j;
        }
        expand_length[m] = (uint8_t) k;
        while (k < 16) {
            expand_control[m][k++] = 0x80;
        }
    }
}

static inline uint32_t escaped_in(uint64_t set, unsigned c) {
    return (uint32_t) (c < 64) & (uint32_t) (set >> (c & 63));
}

/* CR LF as a little-endian 16-bit value. */
#define CRLF ((uint32_t) '\r' | (uint32_t) '\n' << 8)

static inline void store32(uint8_t *p, uint32_t v) {
    memcpy(p, &v, 4);
}

/* Writes one 8-byte lane (the low half of lane_and_equals; the high half is eight '=') expanded
 * by its critical bits at out + o; returns the bytes it stands for. */
static inline int64_t expand_lane(uint8_t *out, int64_t o, __m128i lane_and_equals, unsigned bits) {
    __m128i control = _mm_load_si128((const __m128i *) expand_control[bits]);
    _mm_storeu_si128((__m128i *) (out + o), _mm_shuffle_epi8(lane_and_equals, control));
    return expand_length[bits];
}

int64_t usync_yenc_encode(const uint8_t *in, int64_t in_len, uint8_t *out, int64_t out_cap,
                          int64_t out_pos, int32_t line_length, uint32_t *crc) {
    pthread_once(&tables_once, build_tables);
    const int L = line_length;
    /* A block stays clear of the part's last byte (its own rule) and of the output's end. */
    const int64_t block_in_end = in_len - 33;
    const int64_t block_out_end = out_cap - BLOCK_OUT_SLACK;
    const __m256i add42 = _mm256_set1_epi8(42);
    const __m256i lf = _mm256_set1_epi8('\n');
    const __m256i cr = _mm256_set1_epi8('\r');
    const __m256i eq = _mm256_set1_epi8('=');
    const __m256i raise = _mm256_set1_epi8(64);
    const __m128i equals = _mm_set1_epi8('=');
    int64_t i = 0;
    int64_t o = out_pos;
    int col = 0;
    usync_crc_run run;
    usync_crc_run_init(&run, 0);
    int64_t c_done = 0; /* the input below this is folded into run */
    int64_t crc_next = crc != NULL ? CRC_BURST : INT64_MAX;
    while (i < in_len) {
        if (i >= crc_next) {
            usync_crc_run_fold(&run, in, &c_done, i);
            crc_next = c_done + CRC_BURST;
        }
        if (col >= 1 && col <= L - 2 && i <= block_in_end && o <= block_out_end) {
            __m256i y = _mm256_add_epi8(_mm256_loadu_si256((const __m256i *) (in + i)), add42);
            __m256i critical = _mm256_or_si256(
                    _mm256_or_si256(_mm256_cmpeq_epi8(y, _mm256_setzero_si256()), _mm256_cmpeq_epi8(y, lf)),
                    _mm256_or_si256(_mm256_cmpeq_epi8(y, cr), _mm256_cmpeq_epi8(y, eq)));
            uint32_t m = (uint32_t) _mm256_movemask_epi8(critical);
            int target = L - 1 - col; /* output columns left before the last one, at least 1 */
            __m256i z = _mm256_add_epi8(y, _mm256_and_si256(critical, raise));
            __m128i low = _mm256_castsi256_si128(z);
            __m128i high = _mm256_extracti128_si256(z, 1);
            int64_t p = o;
            p += expand_lane(out, p, _mm_unpacklo_epi64(low, equals), m & 0xFF);
            p += expand_lane(out, p, _mm_unpackhi_epi64(low, equals), m >> 8 & 0xFF);
            p += expand_lane(out, p, _mm_unpacklo_epi64(high, equals), m >> 16 & 0xFF);
            p += expand_lane(out, p, _mm_unpackhi_epi64(high, equals), m >> 24);
            int total = (int) (p - o);
            if (total < target) {
                i += 32;
                o = p;
                col += total;
                continue;
            }
            /* Output slots where an input byte starts: bit 2j of the interleaved word is byte j's
             * first slot, bit 2j+1 its escape's second slot (kept only when escaped). */
            uint64_t starts = _pext_u64(0x5555555555555555ull,
                                        0x5555555555555555ull | _pdep_u64(m, 0xAAAAAAAAAAAAAAAAull));
            uint64_t before = target >= 64 ? ~0ull : (1ull << target) - 1;
            int n = __builtin_popcountll(starts & before);
            uint32_t taken = n >= 32 ? m : m & ((1u << n) - 1);
            int pos = n + __builtin_popcount(taken);
            i += n;
            o += pos;
            col += pos;
            if (col == L - 1) {
                /* The last column (never past the part's last byte, which a block leaves out). */
                unsigned c = (uint8_t) (in[i++] + 42);
                uint32_t e = escaped_in(LAST_SET, c);
                store32(out + o, e ? '=' | (c + 64) << 8 | CRLF << 16 : c | CRLF << 8);
                o += 3 + e;
            } else { /* a critical byte one column before the last filled the line */
                store32(out + o, CRLF);
                o += 2;
            }
            col = 0;
            if (i < in_len - 1) {
                /* The next line's first column, unless it is the part's last byte. */
                unsigned c = (uint8_t) (in[i++] + 42);
                uint32_t e = escaped_in(FIRST_SET, c);
                store32(out + o, e ? '=' | (c + 64) << 8 : c);
                o += 1 + e;
                col = 1 + e;
            }
            continue;
        }
        unsigned c = (uint8_t) (in[i++] + 42);
        int part_end = i == in_len;
        uint64_t set = col == 0 ? FIRST_SET : (col >= L - 1 || part_end) ? LAST_SET : MIDDLE_SET;
        int escape = (int) escaped_in(set, c);
        int width = 1 + escape;
        int line_end = col + width >= L || part_end;
        if (o + width + 2 * line_end > out_cap) {
            return -1;
        }
        if (escape) {
            out[o] = '=';
            out[o + 1] = (uint8_t) (c + 64);
        } else {
            out[o] = (uint8_t) c;
        }
        o += width;
        col += width;
        if (line_end) {
            out[o] = '\r';
            out[o + 1] = '\n';
            o += 2;
            col = 0;
        }
    }
    if (crc != NULL) {
        *crc = usync_crc_run_end(&run, in, c_done, in_len);
    }
    return o;
}
