#ifndef TRACESPREP_CZLIB_SHIM_H
#define TRACESPREP_CZLIB_SHIM_H

// Only the C target XLSXBridge includes this header; Swift code calls zlib through that bridge.
#include <zlib.h>

#endif
