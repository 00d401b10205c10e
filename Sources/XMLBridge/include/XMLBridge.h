#ifndef TRACESPREP_XMLBRIDGE_H
#define TRACESPREP_XMLBRIDGE_H

// A small C interface to libxml2 for TracesPrep. Swift imports only this header: opaque handles and
// the functions below, never libxml2's own headers (they include ICU headers that clash with
// Foundation's ICU module on Debian).
//
// Every parse uses a fresh parser context with XML_PARSE_NONET, never substitutes entities, never
// loads a DTD, and stops at the first DOCTYPE. While a parse or schema check runs on a thread,
// any attempt by libxml2 to load an external resource on that thread is rejected and counted.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A parsed document with the errors found while parsing and validating it.
typedef struct XBDocument XBDocument;
/// A compiled W3C XML Schema.
typedef struct XBSchema XBSchema;
/// An element, text or other node of a document; valid until the document is freed.
typedef struct XBNode XBNode;
/// An attribute of an element; valid until the document is freed.
typedef struct XBAttribute XBAttribute;

typedef struct {
    /// Elements nested deeper than this stop the parse (the root element is depth 1).
    int maxDepth;
    /// Elements, attributes, comments and processing instructions together; more stop the parse.
    long maxNodes;
    /// Attributes and namespace declarations of one element; a tag with more is not parsed.
    int maxAttributesPerElement;
    /// Bytes of one text node; a longer text stops the parse.
    long maxTextBytes;
    /// Errors kept with their details; later ones are only counted.
    int maxStoredErrors;
    /// Prefixes to write in element paths, as "URI PREFIX URI PREFIX ..." separated by spaces,
    /// so paths do not depend on the prefixes a document chose. May be NULL.
    const char *pathPrefixes;
} XBParseOptions;

typedef enum {
    /// Not well-formed, or a namespace error (libxml2's parser).
    XBErrorSourceParser = 1,
    /// Bytes that could not be decoded, or an encoding libxml2 cannot convert.
    XBErrorSourceEncoding = 2,
    /// The document is not valid against the schema.
    XBErrorSourceSchema = 3,
    /// The document has a DOCTYPE; parsing stopped there.
    XBErrorSourceDoctype = 4,
    /// Elements nested deeper than maxDepth; parsing stopped.
    XBErrorSourceDepthLimit = 5,
    /// More nodes than maxNodes; parsing stopped.
    XBErrorSourceNodeLimit = 6,
    /// A text node longer than maxTextBytes; parsing stopped.
    XBErrorSourceTextLimit = 7,
    /// libxml2 tried to load an external resource, and the bridge rejected the request.
    XBErrorSourceExternalLoad = 8,
    /// Any other libxml2 error, such as an allocation failure.
    XBErrorSourceOther = 9,
    /// A start tag with more than maxAttributesPerElement attributes; nothing was parsed.
    XBErrorSourceAttributeLimit = 10
} XBErrorSource;

typedef enum {
    XBErrorLevelWarning = 1,
    XBErrorLevelError = 2,
    XBErrorLevelFatal = 3
} XBErrorLevel;

typedef struct {
    XBErrorSource source;
    XBErrorLevel level;
    /// libxml2's error code (xmlParserErrors), or 0 for the bridge's own errors.
    int code;
    /// 1-based line, or 0 when unknown.
    long line;
    /// 1-based column, or 0 when unknown.
    int column;
    /// libxml2's message without its final line end; owned by the document.
    const char *message;
    /// The path of the element the error concerns, or NULL; owned by the document.
    const char *path;
} XBError;

typedef enum {
    XBNodeKindElement = 1,
    /// Text or CDATA.
    XBNodeKindText = 2,
    /// Comments, processing instructions and anything else.
    XBNodeKindOther = 3
} XBNodeKind;

// MARK: - Documents

/// Parses `length` bytes of UTF-8 (the document's encoding declaration is ignored, so the caller
/// converts other encodings first). Returns NULL only when memory runs out. The tree is kept only
/// when the document is well-formed, has no DOCTYPE and no limit was reached.
XBDocument *xb_document_parse(const uint8_t *bytes, size_t length, const XBParseOptions *options);
void xb_document_free(XBDocument *document);

/// The root element, or NULL when no tree was kept.
const XBNode *xb_document_root(const XBDocument *document);
/// 1 when parsing stopped before the end of the input (an error, a DOCTYPE or a limit).
int xb_document_stopped_early(const XBDocument *document);
/// 1 when the document has a DOCTYPE.
int xb_document_has_doctype(const XBDocument *document);
/// How many times libxml2 tried to load an external resource (each request was rejected).
long xb_document_external_load_attempts(const XBDocument *document);

/// Errors kept with details, in the order they were raised.
size_t xb_document_error_count(const XBDocument *document);
/// All errors, including those beyond maxStoredErrors.
size_t xb_document_total_error_count(const XBDocument *document);
XBError xb_document_error(const XBDocument *document, size_t index);

/// Validates the kept tree against `schema`, adding each problem as an XBErrorSourceSchema error.
/// Returns 1 when valid, 0 when invalid, -1 when the document has no tree or validation failed to run.
int xb_document_validate(XBDocument *document, const XBSchema *schema);

// MARK: - Schemas

/// Compiles a W3C XML Schema from memory without loading anything else (an xs:import or
/// xs:include fails). Returns NULL on failure and, when `message` is not NULL, sets it to a
/// description to free with xb_string_free.
XBSchema *xb_schema_compile(const uint8_t *bytes, size_t length, char **message);
void xb_schema_free(XBSchema *schema);
void xb_string_free(char *text);

// MARK: - Nodes

XBNodeKind xb_node_kind(const XBNode *node);
const XBNode *xb_node_first_child(const XBNode *node);
const XBNode *xb_node_next_sibling(const XBNode *node);
/// The element's local name; NULL for other nodes.
const char *xb_node_local_name(const XBNode *node);
/// The element's namespace URI, or NULL when it has none.
const char *xb_node_namespace_uri(const XBNode *node);
/// The prefix the document used for the element, or NULL.
const char *xb_node_prefix(const XBNode *node);
/// The content of a text node; NULL for other nodes.
const char *xb_node_text(const XBNode *node);
/// The 1-based line of an element (where its start tag ends) or of a text node (where it starts), or 0.
long xb_node_line(const XBNode *node);

/// The element's first attribute (namespace declarations are not attributes), or NULL.
const XBAttribute *xb_node_first_attribute(const XBNode *node);
const XBAttribute *xb_attribute_next(const XBAttribute *attribute);
const char *xb_attribute_local_name(const XBAttribute *attribute);
/// The attribute's namespace URI, or NULL when it has none.
const char *xb_attribute_namespace_uri(const XBAttribute *attribute);
/// The attribute's value with character references replaced, or "" when empty.
const char *xb_attribute_value(const XBAttribute *attribute);

#ifdef __cplusplus
}
#endif

#endif
