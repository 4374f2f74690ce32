#ifndef CWIRETRACE_XXHASH_SHIM_H
#define CWIRETRACE_XXHASH_SHIM_H
// The system's libxxhash (Debian: libxxhash-dev). Only the XXH3 64-bit API is used.
#include <xxhash.h>

// The same library's code again, inlined: a fingerprint hashes every word and every shingle,
// a few bytes to a few dozen each, and for inputs that short the call into the shared library
// costs as much as the hash. xxhash.h supports this second inclusion: XXH_INLINE_ALL gives its
// functions an XXH_INLINE_ prefix, so they do not clash with the ones above.
#define XXH_INLINE_ALL
#include <xxhash.h>

/// XXH3-64 of `length` bytes at `input`, computed by inlined code (same output as the library's
/// `XXH3_64bits_withSeed`).
static inline __attribute__((always_inline)) XXH64_hash_t wiretrace_xxh3_64_inline(const void *input, size_t length, XXH64_hash_t seed) {
    return seed == 0 ? XXH3_64bits(input, length) : XXH3_64bits_withSeed(input, length, seed);
}
#endif
