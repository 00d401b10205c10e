// All of TracesPrep's libxml2 calls. Written for libxml2 2.9.14 (Debian 12); see XMLBridge.h.

#include "XMLBridge.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

// MARK: - State

typedef struct {
    char *uri;
    char *prefix;
} XBPathPrefix;

struct XBDocument {
    xmlDocPtr tree;
    /// The parser context while xb_document_parse runs, so errors can name the open element.
    xmlParserCtxtPtr context;

    int maxDepth;
    long maxNodes;
    long maxTextBytes;
    size_t maxStoredErrors;
    XBPathPrefix *prefixes;
    size_t prefixCount;

    XBError *errors;
    size_t errorCount;
    size_t totalErrors;

    int depth;
    long nodes;
    /// Bytes of text since the last element boundary, comment or processing instruction: the
    /// length of the text node libxml2 is building.
    long textRun;
    int stoppedEarly;
    /// Set when the bridge itself stopped the parser; later errors only echo the stop.
    int stoppedByBridge;
    int hasDoctype;
    long externalLoadAttempts;

    startElementNsSAX2Func originalStartElement;
    endElementNsSAX2Func originalEndElement;
    charactersSAXFunc originalCharacters;
    ignorableWhitespaceSAXFunc originalIgnorableWhitespace;
    commentSAXFunc originalComment;
    processingInstructionSAXFunc originalProcessingInstruction;
};

struct XBSchema {
    xmlSchemaPtr schema;
    /// The schema document, kept because the compiled schema may point into it.
    xmlDocPtr source;
};

/// The document whose parse or validation runs on this thread, or NULL. The external entity
/// loader and the SAX wrappers find their state here.
static __thread XBDocument *xb_active_document = NULL;

static xmlExternalEntityLoader xb_previous_loader = NULL;
static pthread_once_t xb_once = PTHREAD_ONCE_INIT;

// MARK: - Errors

static char *xb_copy(const char *text) {
    if (text == NULL) {
        return NULL;
    }
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, text, length + 1);
    }
    return copy;
}

/// Records an error; takes ownership of `path`. Errors beyond maxStoredErrors are only counted.
static void xb_add_error(
    XBDocument *document, XBErrorSource source, XBErrorLevel level, int code, long line, int column,
    const char *message, char *path
) {
    document->totalErrors += 1;
    if (document->errorCount >= document->maxStoredErrors) {
        free(path);
        return;
    }
    if (document->errors == NULL) {
        document->errors = calloc(document->maxStoredErrors, sizeof(XBError));
        if (document->errors == NULL) {
            free(path);
            return;
        }
    }
    char *text = xb_copy(message != NULL ? message : "");
    if (text != NULL) {
        size_t length = strlen(text);
        while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r')) {
            text[--length] = '\0';
        }
    }
    XBError *error = &document->errors[document->errorCount++];
    error->source = source;
    error->level = level;
    error->code = code;
    error->line = line;
    error->column = column;
    error->message = text;
    error->path = path;
}

static int xb_same_name(xmlNodePtr left, xmlNodePtr right) {
    if (left->type != XML_ELEMENT_NODE || right->type != XML_ELEMENT_NODE) {
        return 0;
    }
    if (!xmlStrEqual(left->name, right->name)) {
        return 0;
    }
    const xmlChar *leftURI = left->ns != NULL ? left->ns->href : NULL;
    const xmlChar *rightURI = right->ns != NULL ? right->ns->href : NULL;
    return xmlStrEqual(leftURI, rightURI);
}

static const char *xb_path_prefix(const XBDocument *document, xmlNodePtr element) {
    if (element->ns == NULL || element->ns->href == NULL) {
        return NULL;
    }
    for (size_t index = 0; index < document->prefixCount; index++) {
        if (strcmp(document->prefixes[index].uri, (const char *)element->ns->href) == 0) {
            return document->prefixes[index].prefix;
        }
    }
    return (const char *)element->ns->prefix;
}

/// Builds the path of an element, such as `/consignments/consignment[2]/line[1]/cn_code`.
/// An element other than the root gets its position among same-named siblings when it has
/// element children or a same-named sibling. SafeXMLParser.swift builds paths
/// by the same rule, so error paths and value paths agree.
static char *xb_element_path(const XBDocument *document, xmlNodePtr element) {
    size_t depth = 0;
    for (xmlNodePtr node = element; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent) {
        depth += 1;
    }
    if (depth == 0) {
        return NULL;
    }
    xmlNodePtr *chain = malloc(depth * sizeof(xmlNodePtr));
    if (chain == NULL) {
        return NULL;
    }
    size_t fill = depth;
    for (xmlNodePtr node = element; fill > 0; node = node->parent) {
        chain[--fill] = node;
    }

    size_t capacity = 64;
    size_t length = 0;
    char *path = malloc(capacity);
    if (path == NULL) {
        free(chain);
        return NULL;
    }
    path[0] = '\0';
    for (size_t level = 0; level < depth; level++) {
        xmlNodePtr node = chain[level];
        const char *prefix = xb_path_prefix(document, node);
        char position[32] = "";
        if (level > 0) {
            long preceding = 0;
            int hasFollowing = 0;
            int hasElementChild = 0;
            for (xmlNodePtr sibling = node->prev; sibling != NULL; sibling = sibling->prev) {
                if (xb_same_name(sibling, node)) preceding += 1;
            }
            for (xmlNodePtr sibling = node->next; sibling != NULL && !hasFollowing; sibling = sibling->next) {
                if (xb_same_name(sibling, node)) hasFollowing = 1;
            }
            for (xmlNodePtr child = node->children; child != NULL && !hasElementChild; child = child->next) {
                if (child->type == XML_ELEMENT_NODE) hasElementChild = 1;
            }
            if (preceding > 0 || hasFollowing || hasElementChild) {
                snprintf(position, sizeof position, "[%ld]", preceding + 1);
            }
        }
        size_t needed = length + 1 + (prefix != NULL ? strlen(prefix) + 1 : 0) + strlen((const char *)node->name)
            + strlen(position) + 1;
        if (needed > capacity) {
            while (capacity < needed) capacity *= 2;
            char *larger = realloc(path, capacity);
            if (larger == NULL) {
                free(path);
                free(chain);
                return NULL;
            }
            path = larger;
        }
        length += (size_t)snprintf(
            path + length, capacity - length, "/%s%s%s%s", prefix != NULL ? prefix : "", prefix != NULL ? ":" : "",
            (const char *)node->name, position);
    }
    free(chain);
    return path;
}

/// Returns the line of an element (where its start tag ends) or of a text node (where it
/// starts), which the SAX wrappers store in _private because xmlNode.line stops at 65535.
static long xb_stored_line(xmlNodePtr node) {
    if (node->_private != NULL) {
        return (long)(intptr_t)node->_private;
    }
    return xmlGetLineNo(node);
}

static XBErrorSource xb_classify(const xmlError *error) {
    switch (error->domain) {
    case XML_FROM_SCHEMASV:
    case XML_FROM_SCHEMASP:
        return XBErrorSourceSchema;
    case XML_FROM_I18N:
        return XBErrorSourceEncoding;
    case XML_FROM_PARSER:
    case XML_FROM_NAMESPACE:
        if (error->code == XML_ERR_UNKNOWN_ENCODING || error->code == XML_ERR_UNSUPPORTED_ENCODING
            || error->code == XML_ERR_INVALID_ENCODING) {
            return XBErrorSourceEncoding;
        }
        if (error->code == XML_ERR_NO_MEMORY || error->code == XML_ERR_INTERNAL_ERROR) {
            return XBErrorSourceOther;
        }
        return XBErrorSourceParser;
    default:
        return XBErrorSourceOther;
    }
}

/// The structured error handler installed around each parse and validation.
static void xb_collect_error(void *userData, xmlErrorPtr error) {
    XBDocument *document = userData;
    if (document == NULL || error == NULL || document->stoppedByBridge) {
        return;
    }
    XBErrorSource source = xb_classify(error);
    XBErrorLevel level = error->level == XML_ERR_WARNING ? XBErrorLevelWarning
        : error->level == XML_ERR_FATAL ? XBErrorLevelFatal : XBErrorLevelError;
    long line = error->line;
    int column = 0;
    xmlNodePtr node = NULL;
    if (error->domain == XML_FROM_SCHEMASV && error->node != NULL) {
        node = error->node;
    } else if (error->domain == XML_FROM_PARSER || error->domain == XML_FROM_NAMESPACE) {
        column = error->int2;
        if (document->context != NULL) {
            node = document->context->node;
        }
    }
    char *path = NULL;
    if (node != NULL && node->type == XML_ELEMENT_NODE) {
        path = xb_element_path(document, node);
        if (source == XBErrorSourceSchema) {
            line = xb_stored_line(node);
        }
    }
    xb_add_error(document, source, level, error->code, line, column, error->message, path);
}

/// Ignores libxml2's unstructured messages, which would otherwise go to standard error.
static void xb_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

// MARK: - External resources

/// Rejects every request for an external resource on a thread where a bridge parse or
/// validation runs, and counts the attempt. Other threads keep libxml2's previous loader.
static xmlParserInputPtr xb_rejecting_loader(const char *url, const char *identifier, xmlParserCtxtPtr context) {
    XBDocument *document = xb_active_document;
    if (document == NULL) {
        return xb_previous_loader != NULL ? xb_previous_loader(url, identifier, context) : NULL;
    }
    document->externalLoadAttempts += 1;
    long line = (context != NULL && context->input != NULL) ? context->input->line : 0;
    char message[512];
    snprintf(message, sizeof message, "rejected the request to load the external resource '%s'", url != NULL ? url : "(none)");
    xb_add_error(document, XBErrorSourceExternalLoad, XBErrorLevelError, 0, line, 0, message, NULL);
    return NULL;
}

static void xb_initialize(void) {
    xmlInitParser();
    // NOTE: the loader is process-wide in libxml2 2.9; xb_rejecting_loader delegates to the
    // previous loader on threads that are not inside a bridge call.
    xb_previous_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(xb_rejecting_loader);
}

/// The thread's error handlers, saved while the bridge installs its own.
typedef struct {
    xmlStructuredErrorFunc structured;
    void *structuredContext;
    xmlGenericErrorFunc generic;
    void *genericContext;
    XBDocument *active;
} XBSavedHandlers;

static XBSavedHandlers xb_install_handlers(XBDocument *document) {
    XBSavedHandlers saved = {
        xmlStructuredError, xmlStructuredErrorContext, xmlGenericError, xmlGenericErrorContext, xb_active_document,
    };
    xmlSetStructuredErrorFunc(document, xb_collect_error);
    xmlSetGenericErrorFunc(NULL, xb_ignore_generic_error);
    xb_active_document = document;
    return saved;
}

static void xb_restore_handlers(XBSavedHandlers saved) {
    xmlSetStructuredErrorFunc(saved.structuredContext, saved.structured);
    xmlSetGenericErrorFunc(saved.genericContext, saved.generic);
    xb_active_document = saved.active;
}

// MARK: - SAX wrappers

static void xb_stop(XBDocument *document, xmlParserCtxtPtr context, XBErrorSource source, const char *message) {
    long line = (context->input != NULL) ? context->input->line : 0;
    char *path = (context->node != NULL) ? xb_element_path(document, context->node) : NULL;
    xb_add_error(document, source, XBErrorLevelFatal, 0, line, 0, message, path);
    document->stoppedByBridge = 1;
    document->stoppedEarly = 1;
    xmlStopParser(context);
}

static void xb_start_element(
    void *userData, const xmlChar *localName, const xmlChar *prefix, const xmlChar *uri, int namespaceCount,
    const xmlChar **namespaces, int attributeCount, int defaultedCount, const xmlChar **attributes
) {
    xmlParserCtxtPtr context = userData;
    XBDocument *document = xb_active_document;
    long line = (context->input != NULL) ? context->input->line : 0;
    document->textRun = 0;
    document->depth += 1;
    if (document->depth > document->maxDepth) {
        char message[128];
        snprintf(message, sizeof message, "elements are nested deeper than %d levels", document->maxDepth);
        xb_stop(document, context, XBErrorSourceDepthLimit, message);
        return;
    }
    document->nodes += 1 + attributeCount;
    if (document->nodes > document->maxNodes) {
        char message[128];
        snprintf(message, sizeof message, "the document has more than %ld elements and attributes", document->maxNodes);
        xb_stop(document, context, XBErrorSourceNodeLimit, message);
        return;
    }
    document->originalStartElement(
        userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaultedCount, attributes);
    if (context->node != NULL && context->node->type == XML_ELEMENT_NODE && line > 0) {
        context->node->_private = (void *)(intptr_t)line;
    }
}

static void xb_end_element(void *userData, const xmlChar *localName, const xmlChar *prefix, const xmlChar *uri) {
    XBDocument *document = xb_active_document;
    document->depth -= 1;
    document->textRun = 0;
    document->originalEndElement(userData, localName, prefix, uri);
}

/// Returns 0 and stops the parser when `length` more bytes would make the text node too long.
static int xb_count_text(XBDocument *document, xmlParserCtxtPtr context, int length) {
    document->textRun += length;
    if (document->textRun > document->maxTextBytes) {
        char message[128];
        snprintf(message, sizeof message, "a text node is longer than %ld bytes", document->maxTextBytes);
        xb_stop(document, context, XBErrorSourceTextLimit, message);
        return 0;
    }
    return 1;
}

/// Passes text on to libxml2's handler and stores, in a new text node's _private, the line
/// where the text starts. libxml2 gives a text node the line where its first chunk ends.
static void xb_pass_text(
    XBDocument *document, xmlParserCtxtPtr context, charactersSAXFunc handler, const xmlChar *text, int length
) {
    int startsNode = document->textRun == 0;
    if (!xb_count_text(document, context, length) || handler == NULL) {
        return;
    }
    handler(context, text, length);
    xmlNodePtr parent = context->node;
    if (!startsNode || parent == NULL || parent->last == NULL || parent->last->type != XML_TEXT_NODE) {
        return;
    }
    // The parser has counted the chunk's line ends already, so the text started that many lines up.
    long line = (context->input != NULL) ? context->input->line : 0;
    for (int index = 0; index < length; index++) {
        if (text[index] == '\n') line -= 1;
    }
    if (line > 0) {
        parent->last->_private = (void *)(intptr_t)line;
    }
}

static void xb_characters(void *userData, const xmlChar *text, int length) {
    XBDocument *document = xb_active_document;
    xb_pass_text(document, userData, document->originalCharacters, text, length);
}

static void xb_ignorable_whitespace(void *userData, const xmlChar *text, int length) {
    XBDocument *document = xb_active_document;
    xb_pass_text(document, userData, document->originalIgnorableWhitespace, text, length);
}

static int xb_count_node(XBDocument *document, xmlParserCtxtPtr context) {
    document->textRun = 0;
    document->nodes += 1;
    if (document->nodes > document->maxNodes) {
        char message[128];
        snprintf(message, sizeof message, "the document has more than %ld nodes", document->maxNodes);
        xb_stop(document, context, XBErrorSourceNodeLimit, message);
        return 0;
    }
    return 1;
}

static void xb_comment(void *userData, const xmlChar *text) {
    XBDocument *document = xb_active_document;
    if (xb_count_node(document, userData) && document->originalComment != NULL) {
        document->originalComment(userData, text);
    }
}

static void xb_processing_instruction(void *userData, const xmlChar *target, const xmlChar *data) {
    XBDocument *document = xb_active_document;
    if (xb_count_node(document, userData) && document->originalProcessingInstruction != NULL) {
        document->originalProcessingInstruction(userData, target, data);
    }
}

/// Called when `<!DOCTYPE name ...` has been read, before any declaration of an internal subset
/// is parsed, so no entity is ever declared, let alone expanded or loaded.
static void xb_internal_subset(void *userData, const xmlChar *name, const xmlChar *publicID, const xmlChar *systemID) {
    (void)publicID;
    XBDocument *document = xb_active_document;
    document->hasDoctype = 1;
    char message[512];
    snprintf(
        message, sizeof message, "DOCTYPE %s%s%s", name != NULL ? (const char *)name : "",
        systemID != NULL ? " SYSTEM " : "", systemID != NULL ? (const char *)systemID : "");
    xb_stop(document, userData, XBErrorSourceDoctype, message);
}

// MARK: - Documents

static void xb_read_prefixes(XBDocument *document, const char *table) {
    if (table == NULL) {
        return;
    }
    char *copy = xb_copy(table);
    if (copy == NULL) {
        return;
    }
    size_t words = 0;
    for (char *cursor = copy; *cursor != '\0';) {
        while (*cursor == ' ') cursor++;
        if (*cursor == '\0') break;
        words += 1;
        while (*cursor != '\0' && *cursor != ' ') cursor++;
    }
    document->prefixes = calloc(words / 2 + 1, sizeof(XBPathPrefix));
    if (document->prefixes == NULL) {
        free(copy);
        return;
    }
    char *saved = NULL;
    for (char *uri = strtok_r(copy, " ", &saved); uri != NULL; uri = strtok_r(NULL, " ", &saved)) {
        char *prefix = strtok_r(NULL, " ", &saved);
        if (prefix == NULL) break;
        document->prefixes[document->prefixCount].uri = xb_copy(uri);
        document->prefixes[document->prefixCount].prefix = xb_copy(prefix);
        document->prefixCount += 1;
    }
    free(copy);
}

/// Returns the line of the first start tag with more than `limit` attributes (namespace
/// declarations included), or 0. libxml2 2.9 checks each attribute of a tag against all the
/// earlier ones, so a tag with 100,000 attributes takes many seconds to parse. This linear scan
/// finds such a tag before the parser does. The scan skips comments, CDATA sections and processing instructions,
/// and ends at any other `<!`, because the parser stops there too: a DOCTYPE stops it, and
/// anything else after `<!` is not well-formed.
static long xb_find_crowded_tag(const uint8_t *bytes, size_t length, int limit) {
    long line = 1;
    size_t index = 0;
    while (index < length) {
        uint8_t byte = bytes[index];
        if (byte == '\n') {
            line += 1;
            index += 1;
            continue;
        }
        if (byte != '<') {
            index += 1;
            continue;
        }
        const char *closing = NULL;
        if (index + 3 < length && memcmp(bytes + index, "<!--", 4) == 0) {
            closing = "-->";
        } else if (index + 8 < length && memcmp(bytes + index, "<![CDATA[", 9) == 0) {
            closing = "]]>";
        } else if (index + 1 < length && bytes[index + 1] == '?') {
            closing = "?>";
        } else if (index + 1 < length && bytes[index + 1] == '!') {
            return 0;
        }
        if (closing != NULL) {
            size_t closingLength = strlen(closing);
            index += 2;
            while (index < length && !(index + closingLength <= length && memcmp(bytes + index, closing, closingLength) == 0)) {
                if (bytes[index] == '\n') line += 1;
                index += 1;
            }
            index += closingLength;
            continue;
        }
        long tagLine = line;
        int equalSigns = 0;
        uint8_t quote = 0;
        index += 1;
        while (index < length) {
            byte = bytes[index];
            if (byte == '\n') line += 1;
            if (quote != 0) {
                if (byte == quote) quote = 0;
            } else if (byte == '"' || byte == '\'') {
                quote = byte;
            } else if (byte == '=') {
                equalSigns += 1;
                if (equalSigns > limit) return tagLine;
            } else if (byte == '>') {
                break;
            }
            index += 1;
        }
        index += 1;
    }
    return 0;
}

XBDocument *xb_document_parse(const uint8_t *bytes, size_t length, const XBParseOptions *options) {
    pthread_once(&xb_once, xb_initialize);
    XBDocument *document = calloc(1, sizeof(XBDocument));
    if (document == NULL) {
        return NULL;
    }
    document->maxDepth = options->maxDepth;
    document->maxNodes = options->maxNodes;
    document->maxTextBytes = options->maxTextBytes;
    document->maxStoredErrors = options->maxStoredErrors > 0 ? (size_t)options->maxStoredErrors : 1;
    xb_read_prefixes(document, options->pathPrefixes);

    if (length > INT_MAX) {
        xb_add_error(document, XBErrorSourceOther, XBErrorLevelFatal, 0, 0, 0, "the input is too large for libxml2", NULL);
        document->stoppedEarly = 1;
        return document;
    }
    long crowdedLine = xb_find_crowded_tag(bytes, length, options->maxAttributesPerElement);
    if (crowdedLine > 0) {
        char message[128];
        snprintf(message, sizeof message, "an element has more than %d attributes", options->maxAttributesPerElement);
        xb_add_error(document, XBErrorSourceAttributeLimit, XBErrorLevelFatal, 0, crowdedLine, 0, message, NULL);
        document->stoppedEarly = 1;
        return document;
    }
    // A fresh context per document, so no state carries over from an earlier parse.
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL) {
        xb_add_error(document, XBErrorSourceOther, XBErrorLevelFatal, 0, 0, 0, "could not create a parser context", NULL);
        document->stoppedEarly = 1;
        return document;
    }
    xmlSAXHandlerPtr sax = context->sax;
    document->originalStartElement = sax->startElementNs;
    document->originalEndElement = sax->endElementNs;
    document->originalCharacters = sax->characters;
    document->originalIgnorableWhitespace = sax->ignorableWhitespace;
    document->originalComment = sax->comment;
    document->originalProcessingInstruction = sax->processingInstruction;
    sax->startElementNs = xb_start_element;
    sax->endElementNs = xb_end_element;
    sax->characters = xb_characters;
    sax->ignorableWhitespace = xb_ignorable_whitespace;
    sax->comment = xb_comment;
    sax->processingInstruction = xb_processing_instruction;
    sax->internalSubset = xb_internal_subset;

    // NONET: no network access. IGNORE_ENC: the caller already converted the bytes to UTF-8.
    // NOCDATA: CDATA sections become ordinary text. BIG_LINES: line numbers beyond 65535.
    // Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE or RECOVER.
    int parseOptions = XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;

    document->context = context;
    XBSavedHandlers saved = xb_install_handlers(document);
    xmlDocPtr tree = xmlCtxtReadMemory(context, (const char *)bytes, (int)length, NULL, "UTF-8", parseOptions);
    xb_restore_handlers(saved);
    document->context = NULL;

    if (tree == NULL) {
        // Without RECOVER, libxml2 keeps no tree after a fatal error: it stopped there.
        document->stoppedEarly = 1;
    }
    if (tree != NULL && (document->stoppedByBridge || document->hasDoctype)) {
        xmlFreeDoc(tree);
        tree = NULL;
    }
    if (tree != NULL && xmlDocGetRootElement(tree) == NULL) {
        xmlFreeDoc(tree);
        tree = NULL;
        document->stoppedEarly = 1;
    }
    document->tree = tree;
    xmlFreeParserCtxt(context);
    return document;
}

void xb_document_free(XBDocument *document) {
    if (document == NULL) {
        return;
    }
    if (document->tree != NULL) {
        xmlFreeDoc(document->tree);
    }
    for (size_t index = 0; index < document->errorCount; index++) {
        free((char *)document->errors[index].message);
        free((char *)document->errors[index].path);
    }
    free(document->errors);
    for (size_t index = 0; index < document->prefixCount; index++) {
        free(document->prefixes[index].uri);
        free(document->prefixes[index].prefix);
    }
    free(document->prefixes);
    free(document);
}

const XBNode *xb_document_root(const XBDocument *document) {
    if (document == NULL || document->tree == NULL) {
        return NULL;
    }
    return (const XBNode *)xmlDocGetRootElement(document->tree);
}

int xb_document_stopped_early(const XBDocument *document) { return document->stoppedEarly; }

int xb_document_has_doctype(const XBDocument *document) { return document->hasDoctype; }

long xb_document_external_load_attempts(const XBDocument *document) { return document->externalLoadAttempts; }

size_t xb_document_error_count(const XBDocument *document) { return document->errorCount; }

size_t xb_document_total_error_count(const XBDocument *document) { return document->totalErrors; }

XBError xb_document_error(const XBDocument *document, size_t index) {
    if (index >= document->errorCount) {
        XBError none = {XBErrorSourceOther, XBErrorLevelError, 0, 0, 0, "", NULL};
        return none;
    }
    return document->errors[index];
}

int xb_document_validate(XBDocument *document, const XBSchema *schema) {
    if (document == NULL || document->tree == NULL || schema == NULL) {
        return -1;
    }
    xmlSchemaValidCtxtPtr validation = xmlSchemaNewValidCtxt(schema->schema);
    if (validation == NULL) {
        return -1;
    }
    xmlSchemaSetValidStructuredErrors(validation, xb_collect_error, document);
    XBSavedHandlers saved = xb_install_handlers(document);
    int result = xmlSchemaValidateDoc(validation, document->tree);
    xb_restore_handlers(saved);
    xmlSchemaFreeValidCtxt(validation);
    return result == 0 ? 1 : (result > 0 ? 0 : -1);
}

// MARK: - Schemas

static char *xb_describe_errors(const XBDocument *document, const char *fallback) {
    char buffer[1024];
    if (document->errorCount == 0) {
        return xb_copy(fallback);
    }
    const XBError *first = &document->errors[0];
    snprintf(buffer, sizeof buffer, "line %ld: %s", first->line, first->message != NULL ? first->message : "");
    return xb_copy(buffer);
}

XBSchema *xb_schema_compile(const uint8_t *bytes, size_t length, char **message) {
    if (message != NULL) {
        *message = NULL;
    }
    // Parse the schema document like any input (no DOCTYPE, no entities, no network) instead of
    // letting xmlSchemaNewMemParserCtxt parse it, because libxml2 2.9 parses schema documents
    // with XML_PARSE_NOENT.
    XBParseOptions options = {64, 1000000, 256, 10000000, 8, NULL};
    XBDocument *parsed = xb_document_parse(bytes, length, &options);
    if (parsed == NULL) {
        return NULL;
    }
    if (parsed->tree == NULL || parsed->errorCount > 0) {
        if (message != NULL) {
            *message = xb_describe_errors(parsed, "the schema is not a well-formed XML document");
        }
        xb_document_free(parsed);
        return NULL;
    }
    xmlDocPtr source = parsed->tree;
    parsed->tree = NULL;

    xmlSchemaParserCtxtPtr parser = xmlSchemaNewDocParserCtxt(source);
    if (parser == NULL) {
        xmlFreeDoc(source);
        xb_document_free(parsed);
        return NULL;
    }
    xmlSchemaSetParserStructuredErrors(parser, xb_collect_error, parsed);
    XBSavedHandlers saved = xb_install_handlers(parsed);
    xmlSchemaPtr compiled = xmlSchemaParse(parser);
    xb_restore_handlers(saved);
    xmlSchemaFreeParserCtxt(parser);

    if (compiled != NULL && parsed->externalLoadAttempts > 0) {
        xmlSchemaFree(compiled);
        compiled = NULL;
    }
    if (compiled == NULL) {
        if (message != NULL) {
            *message = xb_describe_errors(parsed, "the schema could not be compiled");
        }
        xmlFreeDoc(source);
        xb_document_free(parsed);
        return NULL;
    }
    xb_document_free(parsed);
    XBSchema *schema = malloc(sizeof(XBSchema));
    if (schema == NULL) {
        xmlSchemaFree(compiled);
        xmlFreeDoc(source);
        return NULL;
    }
    schema->schema = compiled;
    schema->source = source;
    return schema;
}

void xb_schema_free(XBSchema *schema) {
    if (schema == NULL) {
        return;
    }
    xmlSchemaFree(schema->schema);
    xmlFreeDoc(schema->source);
    free(schema);
}

void xb_string_free(char *text) { free(text); }

// MARK: - Nodes

static xmlNodePtr xb_node(const XBNode *node) { return (xmlNodePtr)(uintptr_t)node; }

XBNodeKind xb_node_kind(const XBNode *handle) {
    xmlNodePtr node = xb_node(handle);
    switch (node->type) {
    case XML_ELEMENT_NODE:
        return XBNodeKindElement;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        return XBNodeKindText;
    default:
        return XBNodeKindOther;
    }
}

const XBNode *xb_node_first_child(const XBNode *handle) {
    xmlNodePtr node = xb_node(handle);
    return node->type == XML_ELEMENT_NODE ? (const XBNode *)node->children : NULL;
}

const XBNode *xb_node_next_sibling(const XBNode *handle) { return (const XBNode *)xb_node(handle)->next; }

const char *xb_node_local_name(const XBNode *handle) {
    xmlNodePtr node = xb_node(handle);
    return node->type == XML_ELEMENT_NODE ? (const char *)node->name : NULL;
}

const char *xb_node_namespace_uri(const XBNode *handle) {
    xmlNodePtr node = xb_node(handle);
    return (node->type == XML_ELEMENT_NODE && node->ns != NULL) ? (const char *)node->ns->href : NULL;
}

const char *xb_node_prefix(const XBNode *handle) {
    xmlNodePtr node = xb_node(handle);
    return (node->type == XML_ELEMENT_NODE && node->ns != NULL) ? (const char *)node->ns->prefix : NULL;
}

const char *xb_node_text(const XBNode *handle) {
    xmlNodePtr node = xb_node(handle);
    if (node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE) {
        return NULL;
    }
    return node->content != NULL ? (const char *)node->content : "";
}

long xb_node_line(const XBNode *handle) {
    xmlNodePtr node = xb_node(handle);
    long line = xb_stored_line(node);
    return line > 0 ? line : 0;
}

const XBAttribute *xb_node_first_attribute(const XBNode *handle) {
    xmlNodePtr node = xb_node(handle);
    return node->type == XML_ELEMENT_NODE ? (const XBAttribute *)node->properties : NULL;
}

const XBAttribute *xb_attribute_next(const XBAttribute *handle) {
    return (const XBAttribute *)((xmlAttrPtr)(uintptr_t)handle)->next;
}

const char *xb_attribute_local_name(const XBAttribute *handle) {
    return (const char *)((xmlAttrPtr)(uintptr_t)handle)->name;
}

const char *xb_attribute_namespace_uri(const XBAttribute *handle) {
    xmlAttrPtr attribute = (xmlAttrPtr)(uintptr_t)handle;
    return attribute->ns != NULL ? (const char *)attribute->ns->href : NULL;
}

const char *xb_attribute_value(const XBAttribute *handle) {
    xmlAttrPtr attribute = (xmlAttrPtr)(uintptr_t)handle;
    // Without entity declarations the parser stores an attribute value as one text node.
    xmlNodePtr child = attribute->children;
    if (child == NULL || child->content == NULL) {
        return "";
    }
    return (const char *)child->content;
}
