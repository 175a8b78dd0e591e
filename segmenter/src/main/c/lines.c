/*
 * The NNTP reply parser's search for a line-leading dot (usync_find_lf_dot in usync_yenc.h), 64
 * bytes per step with AVX2. Compiled with -mavx2 (build.sh); runs only once the library loaded,
 * which needs usync_yenc_cpu_ok().
 */
#include <immintrin.h>

#include "usync_yenc.h"

int64_t usync_find_lf_dot(int64_t address, int64_t from, int64_t to) {
    const uint8_t *p = (const uint8_t *) (uintptr_t) address;
    const __m256i lf = _mm256_set1_epi8('\n');
    const __m256i dot = _mm256_set1_epi8('.');
    int64_t i = from;
    /* Each step reads p[i .. i + 64]: the 64 candidate LFs and the byte after the last. */
    while (i + 65 <= to) {
        __m256i m0 = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *) (p + i)), lf),
                _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *) (p + i + 1)), dot));
        __m256i m1 = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *) (p + i + 32)), lf),
                _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *) (p + i + 33)), dot));
        __m256i any = _mm256_or_si256(m0, m1);
        if (!_mm256_testz_si256(any, any)) {
            uint32_t k0 = (uint32_t) _mm256_movemask_epi8(m0);
            if (k0 != 0) {
                return i + (int64_t) __builtin_ctz(k0);
            }
            return i + 32 + (int64_t) __builtin_ctz((uint32_t) _mm256_movemask_epi8(m1));
        }
        i += 64;
    }
    for (; i + 1 < to; i++) {
        if (p[i] == '\n' && p[i + 1] == '.') {
            return i;
        }
    }
    return -1;
}
