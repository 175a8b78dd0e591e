/*
 * SHA-256 block compression (FIPS 180-4, section 6.2.2) for io.usync.segmenter.read.NativeSha256:
 * the x86 SHA extensions (SHA256RNDS2, SHA256MSG1, SHA256MSG2) where CPUID says the CPU has them,
 * a portable C form otherwise. The caller pads (5.1.1) and keeps the state H0..H7 between calls.
 *
 * The SHA-extensions form. SHA256RNDS2 runs two rounds: it takes the working variables split as
 * {A, B, E, F} and {C, D, G, H} (A and C in the highest 32-bit lane) and W[t] + K[t] for both rounds
 * in the low two lanes of a third register, and returns the new {A, B, E, F}; after two rounds the
 * old {A, B, E, F} are the new {C, D, G, H}, so two registers alternate roles. The message schedule
 * (6.2.2 step 1) goes four words at a time: SHA256MSG1 adds sigma0 of the next word to each of
 * W[t-16..t-13], the words W[t-7..t-4] are added with one byte alignment of two registers, and
 * SHA256MSG2 adds sigma1 of W[t-2] and W[t-1] (computing the first two new words before the last two).
 */
#include <cpuid.h>
#include <immintrin.h>
#include <stdint.h>
#include <string.h>

#include "usync_yenc.h"

/* The round constants K0..K63 (FIPS 180-4, 4.2.2). */
static const uint32_t K[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t rotr(uint32_t x, int n) {
    return x >> n | x << (32 - n);
}

static inline uint32_t load_be32(const uint8_t *p) {
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

void usync_sha256_blocks_portable(uint32_t *state, const uint8_t *in, int64_t blocks) {
    for (int64_t b = 0; b < blocks; b++, in += 64) {
        uint32_t w[64];
        for (int t = 0; t < 16; t++) {
            w[t] = load_be32(in + 4 * t);
        }
        for (int t = 16; t < 64; t++) {
            uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ w[t - 15] >> 3;
            uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ w[t - 2] >> 10;
            w[t] = s1 + w[t - 7] + s0 + w[t - 16];
        }
        uint32_t a = state[0], bb = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t++) {
            uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
            uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = bb;
            bb = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += bb;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}

__attribute__((target("sha,sse4.1,ssse3")))
static void sha256_blocks_ni(uint32_t *state, const uint8_t *in, int64_t blocks) {
    /* Each 32-bit word of the input is big-endian. */
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bll, 0x0405060700010203ll);
    __m128i dcba = _mm_loadu_si128((const __m128i *) state);       /* lanes 0..3: A B C D */
    __m128i hgfe = _mm_loadu_si128((const __m128i *) (state + 4)); /* lanes 0..3: E F G H */
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);                  /* B A D C */
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);                  /* H G F E */
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);                 /* F E B A: A highest */
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);              /* H G D C: C highest */
    for (int64_t b = 0; b < blocks; b++, in += 64) {
        const __m128i abef0 = abef;
        const __m128i cdgh0 = cdgh;
        __m128i m[4];
        for (int j = 0; j < 4; j++) {
            m[j] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *) (in + 16 * j)), bswap);
        }
#pragma GCC unroll 16
        for (int r = 0; r < 16; r++) {
            /* m[r % 4] holds W[4r..4r+3]. */
            __m128i wk = _mm_add_epi32(m[r & 3], _mm_load_si128((const __m128i *) (K + 4 * r)));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
            if (r < 12) {
                /* W[4r+16..4r+19] from W[4r..4r+15], replacing W[4r..4r+3]. */
                __m128i t = _mm_sha256msg1_epu32(m[r & 3], m[(r + 1) & 3]);
                t = _mm_add_epi32(t, _mm_alignr_epi8(m[(r + 3) & 3], m[(r + 2) & 3], 4));
                m[r & 3] = _mm_sha256msg2_epu32(t, m[(r + 3) & 3]);
            }
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);                  /* A B E F */
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);                  /* G H C D */
    _mm_storeu_si128((__m128i *) state, _mm_blend_epi16(feba, dchg, 0xF0));            /* A B C D */
    _mm_storeu_si128((__m128i *) (state + 4), _mm_alignr_epi8(dchg, feba, 8));         /* E F G H */
}

int usync_sha256_ni_ok(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) || !(c & bit_SSE4_1)) {
        return 0;
    }
    if (__get_cpuid_max(0, 0) < 7) {
        return 0;
    }
    __cpuid_count(7, 0, a, b, c, d);
    return (b & bit_SHA) != 0;
}

void usync_sha256_blocks(uint32_t *state, const uint8_t *in, int64_t blocks, int32_t use_ni) {
    if (use_ni) {
        sha256_blocks_ni(state, in, blocks);
    } else {
        usync_sha256_blocks_portable(state, in, blocks);
    }
}
