/// One value as read from the input, with where it came from.
public struct FieldValue: Sendable, Equatable {
    /// The text as written in the file, before any normalisation.
    public var raw: String
    public var location: SourceLocation
    /// How a workbook cell stored the value; nil for CSV and XML input.
    public var cell: SpreadsheetCell?

    public init(raw: String, location: SourceLocation, cell: SpreadsheetCell? = nil) {
        self.raw = raw
        self.location = location
        self.cell = cell
    }

    /// True when the value is absent or only white space (ASCII or ideographic).
    public var isBlank: Bool {
        raw.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}

/// The values of one repeating-group entry, commodity line or consignment, keyed by field id.
public struct FieldValues: Sendable, Equatable {
    public var values: [String: FieldValue] = [:]
    /// Line and record of the row this group was read from.
    public var location: SourceLocation

    public init(location: SourceLocation, values: [String: FieldValue] = [:]) {
        self.location = location
        self.values = values
    }

    public subscript(field: String) -> FieldValue? {
        get { values[field] }
        set { values[field] = newValue }
    }

    /// The raw value with surrounding white space removed, or nil when blank or absent.
    public func text(_ field: String) -> String? {
        guard let value = values[field], !value.isBlank else { return nil }
        return value.raw.trimmingWhitespace()
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
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
