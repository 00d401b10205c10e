#include "XLSXBridge.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <zlib.h>

// MARK: - Deflate

XLSXInflateStatus xlsx_inflate_raw(
    const uint8_t *input, size_t inputLength, uint8_t *output, size_t outputCapacity, size_t *written) {
    *written = 0;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // Negative window bits: raw deflate, as ZIP stores it, with the maximum 32 KiB window.
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
        return XLSXInflateNoMemory;
    }
    XLSXInflateStatus status = XLSXInflateOK;
    size_t inputDone = 0;
    size_t outputDone = 0;
    for (;;) {
        // zlib counts in uInt, so large buffers are fed in pieces.
        size_t inputLeft = inputLength - inputDone;
        size_t outputLeft = outputCapacity - outputDone;
        stream.next_in = (Bytef *)(input + inputDone);
        stream.avail_in = (uInt)(inputLeft > UINT_MAX ? UINT_MAX : inputLeft);
        stream.next_out = output + outputDone;
        stream.avail_out = (uInt)(outputLeft > UINT_MAX ? UINT_MAX : outputLeft);
        uInt inputOffered = stream.avail_in;
        uInt outputOffered = stream.avail_out;
        int result = inflate(&stream, Z_NO_FLUSH);
        inputDone += inputOffered - stream.avail_in;
        outputDone += outputOffered - stream.avail_out;
        if (result == Z_STREAM_END) {
            break;
        }
        if (result == Z_MEM_ERROR) {
            status = XLSXInflateNoMemory;
            break;
        }
        if (result == Z_DATA_ERROR || result == Z_NEED_DICT || result == Z_STREAM_ERROR) {
            status = XLSXInflateCorrupt;
            break;
        }
        if (outputDone == outputCapacity) {
            // The output is full: the stream must end without one more byte of output.
            uint8_t probe;
            stream.next_out = &probe;
            stream.avail_out = 1;
            result = inflate(&stream, Z_NO_FLUSH);
            if (stream.avail_out == 0) {
                status = XLSXInflateTooLarge;
            } else if (result == Z_DATA_ERROR || result == Z_NEED_DICT || result == Z_STREAM_ERROR) {
                status = XLSXInflateCorrupt;
            } else if (result != Z_STREAM_END) {
                status = XLSXInflateTruncated;
            }
            break;
        }
        if (inputDone == inputLength) {
            // All input is used, the output has room, and the last block has not come.
            status = XLSXInflateTruncated;
            break;
        }
    }
    inflateEnd(&stream);
    *written = outputDone;
    return status;
}

size_t xlsx_deflate_bound(size_t length) {
    // deflateBound's formula for the default parameters, plus room for the raw stream's end.
    return length + (length >> 12) + (length >> 14) + (length >> 25) + 64;
}

int xlsx_deflate_raw(const uint8_t *input, size_t length, uint8_t *output, size_t capacity, size_t *written) {
    *written = 0;
    if (length > UINT_MAX || capacity > UINT_MAX) {
        return -1;
    }
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return -1;
    }
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)length;
    stream.next_out = output;
    stream.avail_out = (uInt)capacity;
    int result = deflate(&stream, Z_FINISH);
    *written = capacity - stream.avail_out;
    deflateEnd(&stream);
    return result == Z_STREAM_END ? 0 : -1;
}

uint32_t xlsx_crc32(uint32_t crc, const uint8_t *bytes, size_t length) {
    uLong value = crc;
    while (length > 0) {
        uInt piece = (uInt)(length > UINT_MAX ? UINT_MAX : length);
        value = crc32(value, bytes, piece);
        bytes += piece;
        length -= piece;
    }
    return (uint32_t)value;
}

// MARK: - XML document storage

typedef struct {
    size_t name;
    long parent;
    size_t firstAttribute;
    size_t attributeCount;
    size_t text;
} XLSXElement;

typedef struct {
    size_t name;
    size_t value;
} XLSXAttribute;

/// An open element and the character data read for it so far.
typedef struct {
    size_t element;
    char *text;
    size_t length;
    size_t capacity;
} XLSXOpenElement;

struct XLSXXMLDocument {
    XLSXXMLStatus status;
    XLSXXMLLimits limits;
    char *errorMessage;
    int errorLine;

    // All strings, NUL-terminated, addressed by offset. Offset 0 is the empty string.
    char *strings;
    size_t stringsLength;
    size_t stringsCapacity;
    size_t textBytes;

    XLSXElement *elements;
    size_t elementCount;
    size_t elementCapacity;
    XLSXAttribute *attributes;
    size_t attributeCount;
    size_t attributeCapacity;

    XLSXOpenElement *open;
    size_t openCount;
    size_t openCapacity;

    xmlParserCtxtPtr context;
};

static int xlsx_grow(void **items, size_t *capacity, size_t needed, size_t itemSize) {
    if (needed <= *capacity) {
        return 1;
    }
    size_t newCapacity = *capacity < 64 ? 64 : *capacity;
    while (newCapacity < needed) {
        if (newCapacity > SIZE_MAX / 2 / itemSize) {
            return 0;
        }
        newCapacity *= 2;
    }
    void *grown = realloc(*items, newCapacity * itemSize);
    if (grown == NULL) {
        return 0;
    }
    *items = grown;
    *capacity = newCapacity;
    return 1;
}

static void xlsx_stop(XLSXXMLDocument *document, XLSXXMLStatus status) {
    if (document->status == XLSXXMLOK) {
        document->status = status;
    }
    if (document->context != NULL) {
        xmlStopParser(document->context);
    }
}

/// Stores `length` bytes as a NUL-terminated string and returns its offset, or 0 after a failure.
static size_t xlsx_store(XLSXXMLDocument *document, const char *bytes, size_t length) {
    if (!xlsx_grow((void **)&document->strings, &document->stringsCapacity, document->stringsLength + length + 1, 1)) {
        xlsx_stop(document, XLSXXMLNoMemory);
        return 0;
    }
    size_t offset = document->stringsLength;
    memcpy(document->strings + offset, bytes, length);
    document->strings[offset + length] = '\0';
    document->stringsLength += length + 1;
    return offset;
}

/// Counts character data and attribute values against the limit; stops the parse past it.
static int xlsx_count_text(XLSXXMLDocument *document, size_t length) {
    document->textBytes += length;
    if (document->textBytes > document->limits.maxTextBytes) {
        xlsx_stop(document, XLSXXMLTooMuchText);
        return 0;
    }
    return 1;
}

// MARK: - SAX handlers

static XLSXXMLDocument *xlsx_document(void *userData) {
    xmlParserCtxtPtr context = (xmlParserCtxtPtr)userData;
    return (XLSXXMLDocument *)context->_private;
}

/// Stores an attribute value. Without XML_PARSE_NOENT, libxml2 passes SAX an attribute value with
/// each `&` still written as `&#38;`, which its tree builder would decode later. No other
/// reference can remain, because a document without a DTD declares no entities.
static size_t xlsx_store_attribute_value(XLSXXMLDocument *document, const xmlChar *value, const xmlChar *end) {
    size_t length = (size_t)(end - value);
    if (!xlsx_count_text(document, length)) {
        return 0;
    }
    char *decoded = malloc(length + 1);
    if (decoded == NULL) {
        xlsx_stop(document, XLSXXMLNoMemory);
        return 0;
    }
    size_t out = 0;
    for (size_t index = 0; index < length;) {
        if (index + 5 <= length && memcmp(value + index, "&#38;", 5) == 0) {
            decoded[out++] = '&';
            index += 5;
        } else {
            decoded[out++] = (char)value[index++];
        }
    }
    size_t offset = xlsx_store(document, decoded, out);
    free(decoded);
    return offset;
}

static void xlsx_start_element(
    void *userData, const xmlChar *localName, const xmlChar *prefix, const xmlChar *uri, int namespaceCount,
    const xmlChar **namespaces, int attributeCount, int defaultedCount, const xmlChar **attributes) {
    (void)prefix;
    (void)uri;
    (void)namespaceCount;
    (void)namespaces;
    (void)defaultedCount;
    XLSXXMLDocument *document = xlsx_document(userData);
    if (document->status != XLSXXMLOK) {
        return;
    }
    if (document->elementCount >= document->limits.maxElements) {
        xlsx_stop(document, XLSXXMLTooManyElements);
        return;
    }
    if (!xlsx_grow((void **)&document->elements, &document->elementCapacity, document->elementCount + 1, sizeof(XLSXElement))
        || !xlsx_grow((void **)&document->attributes, &document->attributeCapacity,
                      document->attributeCount + (size_t)attributeCount, sizeof(XLSXAttribute))
        || !xlsx_grow((void **)&document->open, &document->openCapacity, document->openCount + 1, sizeof(XLSXOpenElement))) {
        xlsx_stop(document, XLSXXMLNoMemory);
        return;
    }
    size_t index = document->elementCount;
    XLSXElement element;
    element.name = xlsx_store(document, (const char *)localName, strlen((const char *)localName));
    element.parent = document->openCount > 0 ? (long)document->open[document->openCount - 1].element : -1;
    element.firstAttribute = document->attributeCount;
    element.attributeCount = 0;
    element.text = 0;
    // Each attribute is five pointers: local name, prefix, URI, value start and value end.
    for (int attribute = 0; attribute < attributeCount && document->status == XLSXXMLOK; attribute++) {
        const xmlChar **fields = attributes + attribute * 5;
        XLSXAttribute stored;
        stored.name = xlsx_store(document, (const char *)fields[0], strlen((const char *)fields[0]));
        stored.value = xlsx_store_attribute_value(document, fields[3], fields[4]);
        document->attributes[document->attributeCount++] = stored;
        element.attributeCount++;
    }
    document->elements[index] = element;
    document->elementCount++;
    XLSXOpenElement open = {index, NULL, 0, 0};
    document->open[document->openCount++] = open;
}

static void xlsx_end_element(void *userData, const xmlChar *localName, const xmlChar *prefix, const xmlChar *uri) {
    (void)localName;
    (void)prefix;
    (void)uri;
    XLSXXMLDocument *document = xlsx_document(userData);
    if (document->openCount == 0) {
        return;
    }
    XLSXOpenElement *open = &document->open[--document->openCount];
    if (open->length > 0 && document->status == XLSXXMLOK) {
        document->elements[open->element].text = xlsx_store(document, open->text, open->length);
    }
    free(open->text);
    open->text = NULL;
}

static void xlsx_characters(void *userData, const xmlChar *characters, int length) {
    XLSXXMLDocument *document = xlsx_document(userData);
    if (document->status != XLSXXMLOK || document->openCount == 0 || length <= 0) {
        return;
    }
    if (!xlsx_count_text(document, (size_t)length)) {
        return;
    }
    XLSXOpenElement *open = &document->open[document->openCount - 1];
    if (!xlsx_grow((void **)&open->text, &open->capacity, open->length + (size_t)length, 1)) {
        xlsx_stop(document, XLSXXMLNoMemory);
        return;
    }
    memcpy(open->text + open->length, characters, (size_t)length);
    open->length += (size_t)length;
}

/// Called when `<!DOCTYPE` has been read, before any declaration inside it, so no entity is
/// ever declared, expanded or loaded.
static void xlsx_internal_subset(void *userData, const xmlChar *name, const xmlChar *publicID, const xmlChar *systemID) {
    (void)name;
    (void)publicID;
    (void)systemID;
    xlsx_stop(xlsx_document(userData), XLSXXMLDoctype);
}

static void xlsx_ignore_comment(void *userData, const xmlChar *text) {
    (void)userData;
    (void)text;
}

static void xlsx_ignore_processing_instruction(void *userData, const xmlChar *target, const xmlChar *data) {
    (void)userData;
    (void)target;
    (void)data;
}

/// Keeps the first error of level error or fatal; libxml2 then prints nothing to standard error.
static void xlsx_structured_error(void *userData, xmlErrorPtr error) {
    XLSXXMLDocument *document = xlsx_document(userData);
    if (error == NULL || error->level < XML_ERR_ERROR || document->errorMessage != NULL) {
        return;
    }
    const char *message = error->message != NULL ? error->message : "unknown XML error";
    size_t length = strlen(message);
    while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == ' ')) {
        length--;
    }
    document->errorMessage = malloc(length + 1);
    if (document->errorMessage != NULL) {
        memcpy(document->errorMessage, message, length);
        document->errorMessage[length] = '\0';
    }
    document->errorLine = error->line;
}

// MARK: - Parsing

XLSXXMLDocument *xlsx_xml_parse(const uint8_t *bytes, size_t length, XLSXXMLLimits limits) {
    XLSXXMLDocument *document = calloc(1, sizeof(XLSXXMLDocument));
    if (document == NULL) {
        return NULL;
    }
    document->limits = limits;
    xlsx_store(document, "", 0);
    if (length > INT_MAX) {
        document->status = XLSXXMLTooMuchText;
        return document;
    }
    // A fresh context per document, so no state carries over from an earlier parse.
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL) {
        document->status = XLSXXMLNoMemory;
        return document;
    }
    context->_private = document;
    document->context = context;
    xmlSAXHandlerPtr sax = context->sax;
    sax->startElementNs = xlsx_start_element;
    sax->endElementNs = xlsx_end_element;
    sax->characters = xlsx_characters;
    sax->ignorableWhitespace = xlsx_characters;
    sax->internalSubset = xlsx_internal_subset;
    sax->comment = xlsx_ignore_comment;
    sax->processingInstruction = xlsx_ignore_processing_instruction;
    sax->serror = xlsx_structured_error;

    // NONET: no network access. NOCDATA: CDATA sections arrive as ordinary character data.
    // Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE or RECOVER.
    int options = XML_PARSE_NONET | XML_PARSE_NOCDATA;
    xmlDocPtr tree = xmlCtxtReadMemory(context, (const char *)bytes, (int)length, NULL, NULL, options);
    int wellFormed = context->wellFormed;
    document->context = NULL;
    if (tree != NULL) {
        // The handlers above build no tree; only the empty document node remains.
        xmlFreeDoc(tree);
    }
    xmlFreeParserCtxt(context);

    for (size_t index = 0; index < document->openCount; index++) {
        free(document->open[index].text);
    }
    document->openCount = 0;
    if (document->status == XLSXXMLOK && !wellFormed) {
        document->status = XLSXXMLNotWellFormed;
    }
    if (document->status == XLSXXMLOK && document->elementCount == 0) {
        document->status = XLSXXMLEmpty;
    }
    return document;
}

void xlsx_xml_free(XLSXXMLDocument *document) {
    if (document == NULL) {
        return;
    }
    for (size_t index = 0; index < document->openCount; index++) {
        free(document->open[index].text);
    }
    free(document->open);
    free(document->elements);
    free(document->attributes);
    free(document->strings);
    free(document->errorMessage);
    free(document);
}

XLSXXMLStatus xlsx_xml_status(const XLSXXMLDocument *document) {
    return document->status;
}

const char *xlsx_xml_error_message(const XLSXXMLDocument *document) {
    return document->errorMessage;
}

int xlsx_xml_error_line(const XLSXXMLDocument *document) {
    return document->errorLine;
}

size_t xlsx_xml_element_count(const XLSXXMLDocument *document) {
    return document->elementCount;
}

const char *xlsx_xml_element_name(const XLSXXMLDocument *document, size_t element) {
    return document->strings + document->elements[element].name;
}

long xlsx_xml_element_parent(const XLSXXMLDocument *document, size_t element) {
    return document->elements[element].parent;
}

const char *xlsx_xml_element_text(const XLSXXMLDocument *document, size_t element) {
    return document->strings + document->elements[element].text;
}

size_t xlsx_xml_attribute_count(const XLSXXMLDocument *document, size_t element) {
    return document->elements[element].attributeCount;
}

const char *xlsx_xml_attribute_name(const XLSXXMLDocument *document, size_t element, size_t attribute) {
    const XLSXElement *stored = &document->elements[element];
    return document->strings + document->attributes[stored->firstAttribute + attribute].name;
}

const char *xlsx_xml_attribute_value(const XLSXXMLDocument *document, size_t element, size_t attribute) {
    const XLSXElement *stored = &document->elements[element];
    return document->strings + document->attributes[stored->firstAttribute + attribute].value;
}
