/// An element of a parsed XML document, copied out of libxml2's tree so the tree can be freed.
struct ParsedXMLElement: Sendable {
    var localName: String
    /// Nil for an element in no namespace, such as every element of the consignment format.
    var namespaceURI: String?
    /// The line where the start tag ends, as libxml2 counts it.
    var line: Int
    /// The element path, such as `/consignments/consignment[2]/line[1]/cn_code`: namespaced
    /// elements carry TracesPrep's own prefix for their namespace (`rsm:`, `ram:`), whatever
    /// prefix the document chose, so findings do not depend on it.
    var path: String
    var attributes: [ParsedXMLAttribute]
    var children: [ParsedXMLContent]

    var location: SourceLocation { SourceLocation(line: line, record: nil, column: path) }

    /// The child elements in document order.
    var elements: [ParsedXMLElement] {
        children.compactMap { if case .element(let element) = $0 { return element } else { return nil } }
    }

    /// The text directly inside the element, as written (comments left out).
    var text: String {
        // Most elements hold one text node, which is the text as it is.
        if children.count == 1, case .text(let text, _) = children[0] { return text }
        return children.map { if case .text(let text, _) = $0 { return text } else { return "" } }.joined()
    }

    /// True when the element has the namespace URI and local name; prefixes never count.
    func isNamed(_ localName: String, in namespaceURI: String?) -> Bool {
        self.localName == localName && self.namespaceURI == namespaceURI
    }

    /// Returns the child elements with this namespace URI and local name.
    func children(_ localName: String, in namespaceURI: String?) -> [ParsedXMLElement] {
        elements.filter { $0.isNamed(localName, in: namespaceURI) }
    }

    /// Returns the first child element with this namespace URI and local name.
    func child(_ localName: String, in namespaceURI: String?) -> ParsedXMLElement? {
        elements.first { $0.isNamed(localName, in: namespaceURI) }
    }

    /// Returns the value of the attribute with this local name and no namespace.
    func attribute(_ localName: String) -> String? {
        attributes.first { $0.localName == localName && $0.namespaceURI == nil }?.value
    }
}

struct ParsedXMLAttribute: Sendable {
    var localName: String
    var namespaceURI: String?
    var value: String
}

enum ParsedXMLContent: Sendable {
    case element(ParsedXMLElement)
    /// Text or CDATA, with the line where it starts.
    case text(String, line: Int)
}

/// Something libxml2 or the bridge reported while parsing or validating, with its position.
struct XMLProblem: Sendable, Equatable {
    enum Source: Sendable, Equatable {
        case parser, encoding, schema, doctype, depthLimit, nodeLimit, attributeLimit, textLimit, externalLoad, other
    }

    enum Level: Sendable, Equatable {
        case warning, error, fatal
    }

    var source: Source
    var level: Level
    /// libxml2's error code, 0 for the bridge's own problems.
    var code: Int
    var line: Int?
    var column: Int?
    /// libxml2's English message.
    var message: String
    var path: String?
}
