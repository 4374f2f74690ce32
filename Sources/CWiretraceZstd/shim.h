#ifndef CWIRETRACE_ZSTD_SHIM_H
#define CWIRETRACE_ZSTD_SHIM_H
// The system's Zstandard (Debian: libzstd-dev), for the index's stored articles.
#include <zstd.h>
#endif
