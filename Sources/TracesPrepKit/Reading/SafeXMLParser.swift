import XMLBridge

/// Limits that keep a hostile or broken XML file from exhausting time or memory.
public struct XMLLimits: Sendable {
    /// Deepest element nesting read; the root element is level 1. The consignment format needs 4
    /// levels and an SPS certificate about 7.
    public var maxDepth = 64
    /// Elements, attributes, comments and processing instructions together. A generated file
    /// of 10,000 commodity lines has about 300,000, so the limit leaves room for files near the
    /// 256 MiB size limit (about 25 bytes a node) while still bounding the tree's memory.
    public var maxNodes = 10_000_000
    /// Attributes and namespace declarations in one start tag.
    public var maxAttributesPerElement = 256
    /// Bytes in one text node: libxml2's own XML_MAX_TEXT_LENGTH (10,000,000) without XML_PARSE_HUGE.
    public var maxTextBytes = 10_000_000
    /// XML problems reported one by one; the rest are counted in one summary finding.
    public var maxListedProblems = 20

    public init() {}
}

/// The outcome of parsing (and validating) one document.
struct XMLParseResult: Sendable {
    /// The root element, or nil when the document was not well-formed, had a DOCTYPE or hit a limit.
    var root: ParsedXMLElement?
    /// Parser problems first, then schema problems, as far as the bridge kept them.
    var problems: [XMLProblem]
    /// Problems raised beyond those kept.
    var uncountedProblems: Int
    /// True when parsing stopped before the end of the input.
    var stoppedEarly: Bool
    var hasDoctype: Bool
    /// Attempts to load an external resource (a DTD, an entity, a schema); each request was rejected.
    var externalLoadAttempts: Int
}

/// Parses XML through the C target XMLBridge, which contains every libxml2 call.
struct SafeXMLParser {
    var limits: XMLLimits
    /// Prefixes written in element paths, by namespace URI.
    var pathPrefixes: [String: String]

    /// Errors the bridge keeps with details; enough to drop the schema errors that repeat a
    /// reader finding and still list `maxListedProblems`.
    private var storedErrors: Int { limits.maxListedProblems * 5 }

    /// Parses UTF-8 bytes. When `schema` returns the bytes of an XSD for the root element, the
    /// document is validated against it before the tree is copied.
    func parse(_ utf8: [UInt8], schema: (ParsedXMLElement) -> [UInt8]?) -> XMLParseResult {
        let prefixTable = pathPrefixes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " ")
        let handle: OpaquePointer? = prefixTable.withCString { table in
            var options = XBParseOptions(
                maxDepth: Int32(limits.maxDepth), maxNodes: limits.maxNodes,
                maxAttributesPerElement: Int32(limits.maxAttributesPerElement), maxTextBytes: limits.maxTextBytes,
                maxStoredErrors: Int32(storedErrors), pathPrefixes: table)
            return utf8.withUnsafeBufferPointer { buffer in
                xb_document_parse(buffer.baseAddress, buffer.count, &options)
            }
        }
        guard let handle else {
            let problem = XMLProblem(
                source: .other, level: .fatal, code: 0, line: nil, column: nil, message: "out of memory", path: nil)
            return XMLParseResult(
                root: nil, problems: [problem], uncountedProblems: 0, stoppedEarly: true, hasDoctype: false,
                externalLoadAttempts: 0)
        }
        defer { xb_document_free(handle) }

        var root: ParsedXMLElement?
        if let rootNode = xb_document_root(handle) {
            let element = Self.copy(rootNode, parentPath: "", position: nil, prefixes: pathPrefixes)
            root = element
            if let xsd = schema(element) {
                Self.validate(handle, against: xsd)
            }
        }
        let stored = xb_document_error_count(handle)
        let problems = (0..<stored).map { Self.problem(xb_document_error(handle, $0)) }
        return XMLParseResult(
            root: root, problems: problems, uncountedProblems: xb_document_total_error_count(handle) - stored,
            stoppedEarly: xb_document_stopped_early(handle) != 0, hasDoctype: xb_document_has_doctype(handle) != 0,
            externalLoadAttempts: xb_document_external_load_attempts(handle))
    }

    /// Compiles an XSD, returning nil when it compiles or libxml2's description of the failure.
    static func schemaFailure(_ xsd: [UInt8]) -> String? {
        var message: UnsafeMutablePointer<CChar>?
        let schema = xsd.withUnsafeBufferPointer { xb_schema_compile($0.baseAddress, $0.count, &message) }
        defer { xb_string_free(message) }
        guard let schema else {
            return message.map { String(cString: $0) } ?? "the schema could not be compiled"
        }
        xb_schema_free(schema)
        return nil
    }

    /// Compiles the XSD afresh for this document and validates the kept tree, which adds schema
    /// problems to the document's errors. A schema that fails to compile was already rejected
    /// when the rule files loaded, so a failure here only leaves the document unvalidated.
    private static func validate(_ document: OpaquePointer, against xsd: [UInt8]) {
        guard let schema = xsd.withUnsafeBufferPointer({ xb_schema_compile($0.baseAddress, $0.count, nil) }) else {
            return
        }
        defer { xb_schema_free(schema) }
        _ = xb_document_validate(document, schema)
    }

    // MARK: - Copying the tree

    /// Copies an element and its subtree. `position` is the element's index among same-named
    /// siblings when its path shows one. Paths follow the rule of xb_element_path in XMLBridge.c:
    /// an element other than the root shows its position when it has element children or a
    /// same-named sibling.
    private static func copy(
        _ node: OpaquePointer, parentPath: String, position: Int?, prefixes: [String: String]
    ) -> ParsedXMLElement {
        let localName = String(cString: xb_node_local_name(node))
        let namespaceURI = xb_node_namespace_uri(node).map { String(cString: $0) }
        let prefix = namespaceURI.flatMap { prefixes[$0] } ?? xb_node_prefix(node).map { String(cString: $0) }
        let name = prefix.map { "\($0):\(localName)" } ?? localName
        let path = parentPath + "/" + name + (position.map { "[\($0)]" } ?? "")

        var attributes: [ParsedXMLAttribute] = []
        var attribute = xb_node_first_attribute(node)
        while let current = attribute {
            attributes.append(ParsedXMLAttribute(
                localName: String(cString: xb_attribute_local_name(current)),
                namespaceURI: xb_attribute_namespace_uri(current).map { String(cString: $0) },
                value: String(cString: xb_attribute_value(current))))
            attribute = xb_attribute_next(current)
        }

        let childNodes = Self.children(of: node)
        let elementCount = childNodes.reduce(0) { $0 + (xb_node_kind($1) == XBNodeKindElement ? 1 : 0) }
        // Same-named siblings are counted only where there can be any: most elements hold text alone.
        var totals: [String: Int] = [:]
        if elementCount > 1 {
            for child in childNodes where xb_node_kind(child) == XBNodeKindElement {
                totals[Self.nameKey(child), default: 0] += 1
            }
        }
        var seen: [String: Int] = [:]
        var children: [ParsedXMLContent] = []
        children.reserveCapacity(childNodes.count)
        for child in childNodes {
            let kind = xb_node_kind(child)
            if kind == XBNodeKindText {
                children.append(.text(String(cString: xb_node_text(child)), line: xb_node_line(child)))
            } else if kind == XBNodeKindElement {
                var position = 1
                var total = 1
                if elementCount > 1 {
                    let key = Self.nameKey(child)
                    seen[key, default: 0] += 1
                    position = seen[key, default: 1]
                    total = totals[key, default: 1]
                }
                let showsPosition = total > 1 || Self.hasElementChild(child)
                children.append(.element(Self.copy(
                    child, parentPath: path, position: showsPosition ? position : nil, prefixes: prefixes)))
            }
        }
        return ParsedXMLElement(
            localName: localName, namespaceURI: namespaceURI, line: xb_node_line(node), path: path,
            attributes: attributes, children: children)
    }

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        var child = xb_node_first_child(node)
        while let current = child {
            nodes.append(current)
            child = xb_node_next_sibling(current)
        }
        return nodes
    }

    private static func hasElementChild(_ node: OpaquePointer) -> Bool {
        var child = xb_node_first_child(node)
        while let current = child {
            if xb_node_kind(current) == XBNodeKindElement { return true }
            child = xb_node_next_sibling(current)
        }
        return false
    }

    /// Namespace URI and local name, the identity of an element name.
    private static func nameKey(_ node: OpaquePointer) -> String {
        let uri = xb_node_namespace_uri(node).map { String(cString: $0) } ?? ""
        return "{\(uri)}" + String(cString: xb_node_local_name(node))
    }

    private static func problem(_ error: XBError) -> XMLProblem {
        let source: XMLProblem.Source
        switch error.source {
        case XBErrorSourceParser: source = .parser
        case XBErrorSourceEncoding: source = .encoding
        case XBErrorSourceSchema: source = .schema
        case XBErrorSourceDoctype: source = .doctype
        case XBErrorSourceDepthLimit: source = .depthLimit
        case XBErrorSourceNodeLimit: source = .nodeLimit
        case XBErrorSourceAttributeLimit: source = .attributeLimit
        case XBErrorSourceTextLimit: source = .textLimit
        case XBErrorSourceExternalLoad: source = .externalLoad
        default: source = .other
        }
        let level: XMLProblem.Level
        switch error.level {
        case XBErrorLevelWarning: level = .warning
        case XBErrorLevelFatal: level = .fatal
        default: level = .error
        }
        return XMLProblem(
            source: source, level: level, code: Int(error.code), line: error.line > 0 ? error.line : nil,
            column: error.column > 0 ? Int(error.column) : nil,
            message: error.message.map { String(cString: $0) } ?? "", path: error.path.map { String(cString: $0) })
    }
}
