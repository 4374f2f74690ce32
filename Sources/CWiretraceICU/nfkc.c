#include "CWiretraceICU.h"
#include <unicode/unorm2.h>

int32_t wiretrace_nfkc_casefold(const uint16_t *source, int32_t length,
                                uint16_t *destination, int32_t capacity, int32_t *overflow) {
    UErrorCode status = U_ZERO_ERROR;
    *overflow = 0;
    const UNormalizer2 *normalizer = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t written = unorm2_normalize(normalizer, (const UChar *)source, length,
                                       (UChar *)destination, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) { *overflow = 1; return written; }
    return U_FAILURE(status) ? -1 : written;
}
