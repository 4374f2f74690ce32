#ifndef CWIRETRACE_XML_SHIM_H
#define CWIRETRACE_XML_SHIM_H
// The system's libxml2 (Debian: libxml2-dev): only its HTML parser and tree are used.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#endif
