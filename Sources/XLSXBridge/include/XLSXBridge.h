#ifndef TRACESPREP_XLSX_BRIDGE_H
#define TRACESPREP_XLSX_BRIDGE_H

// The C side of XLSX reading and writing: raw deflate and CRC-32 through zlib, and a hardened
// libxml2 parse of one workbook member into a flat list of elements. Swift imports only this
// header, never zlib's or libxml2's, because libxml2's headers pull in ICU headers that clash
// with Foundation's.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - Deflate (ZIP compression method 8)

typedef enum {
    XLSXInflateOK = 0,
    /// The data inflates to more than `outputCapacity` bytes.
    XLSXInflateTooLarge = 1,
    /// The data is not valid raw deflate.
    XLSXInflateCorrupt = 2,
    /// The data ends before the last deflate block.
    XLSXInflateTruncated = 3,
    XLSXInflateNoMemory = 4,
} XLSXInflateStatus;

/// Inflates raw deflate data (no zlib or gzip wrapper) into `output`, writing at most
/// `outputCapacity` bytes; `written` receives the count. Never allocates beyond zlib's window.
XLSXInflateStatus xlsx_inflate_raw(
    const uint8_t *input, size_t inputLength, uint8_t *output, size_t outputCapacity, size_t *written);

/// The largest size raw deflate output of `length` bytes can have.
size_t xlsx_deflate_bound(size_t length);

/// Deflates `input` as raw deflate at zlib's default level; returns 0 on success.
int xlsx_deflate_raw(const uint8_t *input, size_t length, uint8_t *output, size_t capacity, size_t *written);

/// Continues the CRC-32 (ISO 3309, as ZIP uses it) `crc` over `bytes`; start with 0.
uint32_t xlsx_crc32(uint32_t crc, const uint8_t *bytes, size_t length);

// MARK: - XML

typedef enum {
    XLSXXMLOK = 0,
    /// libxml2 found the document not well-formed; see the error message and line.
    XLSXXMLNotWellFormed = 1,
    /// The document has a DOCTYPE; parsing stopped before any declaration in it was read.
    XLSXXMLDoctype = 2,
    /// The document has more elements than the limit allows.
    XLSXXMLTooManyElements = 3,
    /// The character data of the document exceeds the limit.
    XLSXXMLTooMuchText = 4,
    XLSXXMLNoMemory = 5,
    /// The document has no root element.
    XLSXXMLEmpty = 6,
} XLSXXMLStatus;

typedef struct {
    size_t maxElements;
    /// Limit on all character data and attribute values together, in bytes.
    size_t maxTextBytes;
} XLSXXMLLimits;

/// A parsed document: elements in document order with their local names, parents, attributes
/// and direct character data. Opaque; free it with `xlsx_xml_free`.
typedef struct XLSXXMLDocument XLSXXMLDocument;

/// Parses UTF-8 (or UTF-16 with a byte order mark) XML with a fresh libxml2 context and the
/// options XML_PARSE_NONET and XML_PARSE_NOCDATA only: no entity substitution, no DTD loading,
/// no XInclude, no HUGE limits, no recovery. A DOCTYPE stops the parse. Returns NULL only when
/// memory runs out before a document could be allocated.
XLSXXMLDocument *xlsx_xml_parse(const uint8_t *bytes, size_t length, XLSXXMLLimits limits);

void xlsx_xml_free(XLSXXMLDocument *document);

XLSXXMLStatus xlsx_xml_status(const XLSXXMLDocument *document);

/// libxml2's message for the first fatal error, or NULL.
const char *xlsx_xml_error_message(const XLSXXMLDocument *document);

/// The line of the first fatal error, or 0.
int xlsx_xml_error_line(const XLSXXMLDocument *document);

size_t xlsx_xml_element_count(const XLSXXMLDocument *document);

/// The element's local name (without prefix), in UTF-8.
const char *xlsx_xml_element_name(const XLSXXMLDocument *document, size_t element);

/// The index of the parent element, or -1 for the root.
long xlsx_xml_element_parent(const XLSXXMLDocument *document, size_t element);

/// The element's direct character data, concatenated, in UTF-8; "" when it has none.
const char *xlsx_xml_element_text(const XLSXXMLDocument *document, size_t element);

size_t xlsx_xml_attribute_count(const XLSXXMLDocument *document, size_t element);

/// The local name (without prefix) of the element's attribute number `attribute`.
const char *xlsx_xml_attribute_name(const XLSXXMLDocument *document, size_t element, size_t attribute);

const char *xlsx_xml_attribute_value(const XLSXXMLDocument *document, size_t element, size_t attribute);

#ifdef __cplusplus
}
#endif

#endif
