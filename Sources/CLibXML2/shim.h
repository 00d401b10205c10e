#ifndef TRACESPREP_CLIBXML2_SHIM_H
#define TRACESPREP_CLIBXML2_SHIM_H

// Only the C target XMLBridge includes these headers. Swift code must not import CLibXML2:
// Debian's libxml2 headers pull in ICU headers that clash with Foundation's own ICU module.
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#endif
