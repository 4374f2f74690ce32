#ifndef CWIRETRACE_XML_SHIM_H
#define CWIRETRACE_XML_SHIM_H
// The system's libxml2 (Debian: libxml2-dev): only its HTML parser and tree are used.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and <libxml/encoding.h> then includes ICU's headers, whose
// types (UErrorCode ...) clash with the copy of ICU inside the toolchain's Foundation in any
// Swift module that sees both. Nothing here uses libxml2's ICU converters (the uconv_* fields
// at the end of xmlCharEncodingHandler, never touched), so ICU stays out of this module.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#endif
