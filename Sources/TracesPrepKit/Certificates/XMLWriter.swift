/// Builds an indented UTF-8 XML document element by element; every text and attribute value
/// goes through `MarkupEscaping`, so callers pass raw values.
struct XMLWriter {
    private(set) var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var openElements: [String] = []

    private var indent: String { String(repeating: "  ", count: openElements.count) }

    mutating func comment(_ text: String) {
        // The space before "-->" keeps a trailing "-" of the text from forming "--->".
        output += indent + "<!-- " + MarkupEscaping.comment(text) + " -->\n"
    }

    mutating func start(_ name: String, _ attributes: [(String, String)] = []) {
        output += indent + "<" + name + Self.attributeText(attributes) + ">\n"
        openElements.append(name)
    }

    mutating func end() {
        guard let name = openElements.popLast() else {
            preconditionFailure("XMLWriter.end() called with no open element")
        }
        output += indent + "</" + name + ">\n"
    }

    /// Writes `<name>text</name>`; an empty text gives an empty element.
    mutating func element(_ name: String, _ text: String, _ attributes: [(String, String)] = []) {
        let attributeText = Self.attributeText(attributes)
        if text.isEmpty {
            output += indent + "<" + name + attributeText + "/>\n"
        } else {
            output += indent + "<" + name + attributeText + ">" + MarkupEscaping.text(text) + "</" + name + ">\n"
        }
    }

    /// Writes the element only when there is a non-empty text.
    mutating func optionalElement(_ name: String, _ text: String?, _ attributes: [(String, String)] = []) {
        guard let text, !text.isEmpty else { return }
        element(name, text, attributes)
    }

    /// The finished document; every started element must have been ended.
    var document: String {
        precondition(openElements.isEmpty, "XMLWriter: elements left open: \(openElements)")
        return output
    }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(MarkupEscaping.attribute($0.1))\"" }.joined()
    }
}
