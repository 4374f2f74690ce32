#ifndef CWIRETRACE_XXHASH_SHIM_H
#define CWIRETRACE_XXHASH_SHIM_H
// The system's libxxhash (Debian: libxxhash-dev). Only the XXH3 64-bit API is used.
#include <xxhash.h>

// The same library's code again, inlined: a fingerprint hashes every word and every shingle,
// a few bytes to a few dozen each, and for inputs that short the call into the shared library
// costs as much as the hash. xxhash.h supports this second inclusion: XXH_INLINE_ALL gives its
// functions an XXH_INLINE_ prefix, so they do not clash with the ones above.
//
// XXH_NO_INLINE_HINTS 0 keeps xxhash.h's force-inline marks: Swift's importer parses headers as
// an unoptimized build, for which xxhash.h would otherwise drop them (it tests __NO_INLINE__),
// and then its short-input code stays out of line even in a release build.
#define XXH_NO_INLINE_HINTS 0
#define XXH_INLINE_ALL
#include <xxhash.h>

/// XXH3-64 of `length` bytes at `input`, computed by inlined code (same output as the library's
/// `XXH3_64bits_withSeed`).
///
/// With seed 0 this is `XXH3_64bits`'s own body (`XXH3_64bits_internal`, which xxhash.h marks
/// force-inline, as it does the short-input functions it dispatches to): `XXH3_64bits` itself
/// is an ordinary function that the compiler keeps out of line, and then every word and
/// shingle pays a call on top of the hash. Input over 240 bytes still calls the out-of-line
/// long-input code.
static inline __attribute__((always_inline)) XXH64_hash_t wiretrace_xxh3_64_inline(const void *input, size_t length, XXH64_hash_t seed) {
    if (seed != 0) return XXH3_64bits_withSeed(input, length, seed);
    return XXH3_64bits_internal(input, length, 0, XXH3_kSecret, sizeof(XXH3_kSecret), XXH3_hashLong_64b_default);
}
#endif
