import XLSXBridge

/// The reason a workbook member's XML could not be used.
public enum XLSXXMLProblem: Error, Sendable, Equatable {
    case notWellFormed(line: Int, message: String)
    case doctype
    case tooManyElements(limit: Int)
    case tooMuchText(limit: Int)
    case empty
    case outOfMemory
}

/// One parsed workbook member: its elements in document order, read through the C bridge.
/// The document owns the bridge's handle, so it is neither copied nor shared across threads.
final class XLSXXMLDocument {
    /// Caps on one member, on top of the member's size cap in the archive.
    static let maxElements = 8_000_000

    private let handle: OpaquePointer
    let count: Int
    /// Local names, and the parent, first child and next sibling of each element (-1 for none).
    let names: [String]
    let parents: [Int]
    private var firstChild: [Int]
    private var nextSibling: [Int]

    init(_ bytes: [UInt8]) throws {
        let limits = XLSXXMLLimits(maxElements: Self.maxElements, maxTextBytes: max(bytes.count, 1))
        guard let document = bytes.withUnsafeBufferPointer({ xlsx_xml_parse($0.baseAddress, $0.count, limits) }) else {
            throw XLSXXMLProblem.outOfMemory
        }
        let status = xlsx_xml_status(document)
        guard status == XLSXXMLOK else {
            let message = xlsx_xml_error_message(document).map { String(cString: $0) } ?? ""
            let line = Int(xlsx_xml_error_line(document))
            xlsx_xml_free(document)
            switch status {
            case XLSXXMLDoctype: throw XLSXXMLProblem.doctype
            case XLSXXMLTooManyElements: throw XLSXXMLProblem.tooManyElements(limit: Self.maxElements)
            case XLSXXMLTooMuchText: throw XLSXXMLProblem.tooMuchText(limit: limits.maxTextBytes)
            case XLSXXMLEmpty: throw XLSXXMLProblem.empty
            case XLSXXMLNoMemory: throw XLSXXMLProblem.outOfMemory
            default: throw XLSXXMLProblem.notWellFormed(line: line, message: message)
            }
        }
        handle = document
        count = xlsx_xml_element_count(document)
        var names: [String] = []
        var parents: [Int] = []
        names.reserveCapacity(count)
        parents.reserveCapacity(count)
        firstChild = [Int](repeating: -1, count: count)
        nextSibling = [Int](repeating: -1, count: count)
        var lastChild = [Int](repeating: -1, count: count)
        for index in 0..<count {
            names.append(String(cString: xlsx_xml_element_name(document, index)))
            let parent = xlsx_xml_element_parent(document, index)
            parents.append(parent)
            guard parent >= 0 else { continue }
            if lastChild[parent] >= 0 {
                nextSibling[lastChild[parent]] = index
            } else {
                firstChild[parent] = index
            }
            lastChild[parent] = index
        }
        self.names = names
        self.parents = parents
    }

    deinit {
        xlsx_xml_free(handle)
    }

    /// Returns the child elements of `element`, or of the whole document for nil (the root).
    func children(of element: Int?) -> [Int] {
        guard let element else { return count > 0 ? [0] : [] }
        var result: [Int] = []
        var child = firstChild[element]
        while child >= 0 {
            result.append(child)
            child = nextSibling[child]
        }
        return result
    }

    /// Returns the children of `element` whose local name is `name`.
    func children(of element: Int, named name: String) -> [Int] {
        children(of: element).filter { names[$0] == name }
    }

    func firstChild(of element: Int, named name: String) -> Int? {
        var child = firstChild[element]
        while child >= 0 {
            if names[child] == name { return child }
            child = nextSibling[child]
        }
        return nil
    }

    /// Returns the elements anywhere in the document with this local name, in document order.
    func elements(named name: String) -> [Int] {
        names.indices.filter { names[$0] == name }
    }

    /// Returns the value of the attribute with this local name, whatever its namespace.
    func attribute(_ name: String, of element: Int) -> String? {
        let count = xlsx_xml_attribute_count(handle, element)
        for attribute in 0..<count where String(cString: xlsx_xml_attribute_name(handle, element, attribute)) == name {
            return String(cString: xlsx_xml_attribute_value(handle, element, attribute))
        }
        return nil
    }

    /// Returns the element's own character data, without that of its children.
    func text(of element: Int) -> String {
        String(cString: xlsx_xml_element_text(handle, element))
    }
}
