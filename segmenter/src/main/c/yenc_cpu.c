/*
 * The CPU checks of libusync-yenc. This file is compiled WITHOUT -mavx2/-mbmi2 (see build.sh), so
 * it runs on any x86-64 CPU; Java calls it before any kernel and falls back to its own paths when
 * it returns 0, so an old CPU never meets an AVX2 instruction.
 */
#include "usync_yenc.h"

int usync_yenc_cpu_ok(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2")
        && __builtin_cpu_supports("popcnt");
}

int usync_yenc_crc_ok(void) {
    __builtin_cpu_init();
    return usync_yenc_cpu_ok() && __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("vpclmulqdq");
}
