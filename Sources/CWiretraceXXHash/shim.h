#ifndef CWIRETRACE_XXHASH_SHIM_H
#define CWIRETRACE_XXHASH_SHIM_H
// The system's libxxhash (Debian: libxxhash-dev). Only the XXH3 64-bit API is used.
#include <xxhash.h>
#endif
