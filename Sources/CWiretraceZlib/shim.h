#ifndef CWIRETRACE_ZLIB_SHIM_H
#define CWIRETRACE_ZLIB_SHIM_H
// The system's zlib (Debian: zlib1g-dev), for gzip-compressed pages.
#include <zlib.h>
#endif
