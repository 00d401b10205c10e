/// One value as read from the input, with where it came from.
public struct FieldValue: Sendable, Equatable {
    /// The text as written in the file, before any normalisation.
    public var raw: String
    public var location: SourceLocation
    /// How a workbook cell stored the value; nil for CSV and XML input.
    public var cell: SpreadsheetCell? {
        get { cellBox?.value }
        set { cellBox = newValue.map(Box.init) }
    }
    /// The cell behind a reference, so that the many values without one stay small.
    private var cellBox: Box<SpreadsheetCell>?

    public init(raw: String, location: SourceLocation, cell: SpreadsheetCell? = nil) {
        self.raw = raw
        self.location = location
        self.cell = cell
    }

    public static func == (left: FieldValue, right: FieldValue) -> Bool {
        left.raw == right.raw && left.location == right.location && left.cell == right.cell
    }

    /// True when the value is absent or only white space (ASCII or ideographic).
    public var isBlank: Bool {
        raw.isBlank
    }
}

/// An immutable value kept on the heap: a rarely set member that would otherwise make every
/// instance of its holder as large as itself.
final class Box<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// The values of one repeating-group entry, commodity line or consignment, by field id. Like
/// `NormalizedValues`, it keeps field ids and values in two arrays, in the order they were added.
public struct FieldValues: Sendable, Equatable {
    private var fields: [String] = []
    private var entries: [FieldValue] = []
    /// Line and record of the row this group was read from.
    public var location: SourceLocation

    public init(location: SourceLocation, values: [String: FieldValue] = [:]) {
        self.location = location
        self.values = values
    }

    /// The values by field id. Setting it replaces every value.
    public var values: [String: FieldValue] {
        get { Dictionary(uniqueKeysWithValues: zip(fields, entries)) }
        set {
            let sorted = newValue.sorted { $0.key < $1.key }
            fields = sorted.map(\.key)
            entries = sorted.map(\.value)
        }
    }

    /// The field ids and values in the order they were added.
    public var pairs: Zip2Sequence<[String], [FieldValue]> { zip(fields, entries) }

    public var count: Int { fields.count }

    public var isEmpty: Bool { fields.isEmpty }

    public subscript(field: String) -> FieldValue? {
        get { fields.firstIndex(of: field).map { entries[$0] } }
        set {
            if let index = fields.firstIndex(of: field) {
                if let newValue {
                    entries[index] = newValue
                } else {
                    fields.remove(at: index)
                    entries.remove(at: index)
                }
            } else if let newValue {
                fields.append(field)
                entries.append(newValue)
            }
        }
    }

    mutating func reserveCapacity(_ count: Int) {
        fields.reserveCapacity(count)
        entries.reserveCapacity(count)
    }

    /// Returns the value of a field, looking first at `position` in the order of addition.
    func value(of field: String, near position: Int) -> FieldValue? {
        if position < fields.count && fields[position] == field { return entries[position] }
        return self[field]
    }

    /// The raw value with surrounding white space removed, or nil when blank or absent.
    public func text(_ field: String) -> String? {
        guard let value = self[field], !value.isBlank else { return nil }
        return value.raw.trimmingWhitespace()
    }

    /// Equal when both have the same location and the same value for each field, in any order.
    public static func == (left: FieldValues, right: FieldValues) -> Bool {
        left.location == right.location && left.values == right.values
    }
}

/// One certificate's worth of input: consignment-level values, repeating groups and commodity lines.
public struct Consignment: Sendable {
    /// The certificate reference (I.2) the rows were grouped by.
    public var reference: String
    public var header: FieldValues
    public var documents: [FieldValues] = []
    public var containers: [FieldValues] = []
    public var lines: [FieldValues] = []

    public init(reference: String, header: FieldValues) {
        self.reference = reference
        self.header = header
    }
}

extension String {
    /// Removes leading and trailing white space, including the ideographic space U+3000.
    public func trimmingWhitespace() -> String {
        // Most values are ASCII with nothing to trim; they are returned as they are.
        let bytes = utf8
        guard let firstByte = bytes.first, let lastByte = bytes.last else { return self }
        if firstByte < 0x80, lastByte < 0x80, !Self.isASCIIWhitespace(firstByte), !Self.isASCIIWhitespace(lastByte) {
            return self
        }
        // ASCII white space is trimmed on the bytes; the scalars are read only if other characters border it.
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] < 0x80, Self.isASCIIWhitespace(bytes[start]) { start = bytes.index(after: start) }
        while start < end {
            let before = bytes.index(before: end)
            guard bytes[before] < 0x80, Self.isASCIIWhitespace(bytes[before]) else { break }
            end = before
        }
        if start == end { return "" }
        if bytes[start] < 0x80, bytes[bytes.index(before: end)] < 0x80 {
            return String(self[start..<end])
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// True when the text is empty or only white space (ASCII or Unicode, such as U+3000).
    public var isBlank: Bool {
        for byte in utf8 {
            if byte >= 0x80 { return unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
            if !Self.isASCIIWhitespace(byte) { return false }
        }
        return true
    }

    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
