#ifndef CWIRETRACE_ICU_H
#define CWIRETRACE_ICU_H
#include <stdint.h>

// Only plain C types cross this boundary: ICU's own types would clash with the copy of ICU
// inside the toolchain's Foundation when both are visible to one Swift module.

/// NFKC_Casefold of UTF-16 `source` into `destination` with the system's ICU
/// (unorm2_getNFKCCasefoldInstance + unorm2_normalize). Returns the length written, or the
/// length needed when `*overflow` is set to 1. Returns -1 if ICU fails.
int32_t wiretrace_nfkc_casefold(const uint16_t *source, int32_t length,
                                uint16_t *destination, int32_t capacity, int32_t *overflow);
#endif
