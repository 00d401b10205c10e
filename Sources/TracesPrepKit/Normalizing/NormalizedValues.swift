import Foundation

/// A value after parsing by its field type.
public enum TypedValue: Sendable, Equatable {
    case text(String)
    case code(String)
    /// Exact decimal: weights in kg, percentages, hours.
    case decimal(Decimal)
    case integer(Int)
    indirect case dateTime(LocalDateTime)
    case boolean(Bool)
    case files([String])
}

/// Why a value does not have its field's form, with the valid value where one is known.
public struct ValueProblem: Sendable, Equatable {
    public var detail: LocalizedText
    public var expected: String?
}

/// A field value as read and as normalised.
public struct NormalizedValue: Sendable {
    public var source: FieldValue
    /// The normalised text: the code, the ISO date, the weight in kg, the container number without spaces.
    public var text: String
    /// Nil when the value could not be parsed (see `problem`) or is not in its code list.
    public var typed: TypedValue?
    public var problem: ValueProblem? {
        get { problemBox?.value }
        set { problemBox = newValue.map(Box.init) }
    }
    /// Excel damage found in the raw value; the field's own format checks then stay silent.
    public var damage: ExcelDamage? {
        get { damageBox?.value }
        set { damageBox = newValue.map(Box.init) }
    }
    // Problems and damage are rare, so they live behind references and keep each value small.
    private var problemBox: Box<ValueProblem>?
    private var damageBox: Box<ExcelDamage>?

    public init(source: FieldValue, text: String, typed: TypedValue?, problem: ValueProblem?, damage: ExcelDamage? = nil) {
        self.source = source
        self.text = text
        self.typed = typed
        self.problem = problem
        self.damage = damage
    }

    public var code: String? {
        if case .code(let code) = typed { return code }
        return nil
    }

    public var decimal: Decimal? {
        switch typed {
        case .decimal(let value): return value
        case .integer(let value): return Decimal(value)
        default: return nil
        }
    }

    public var integer: Int? {
        if case .integer(let value) = typed { return value }
        return nil
    }

    public var dateTime: LocalDateTime? {
        if case .dateTime(let value) = typed { return value }
        return nil
    }

    public var files: [String] {
        if case .files(let value) = typed { return value }
        return []
    }
}

/// The normalised values of one consignment header, group entry or commodity line.
///
/// The values sit in two arrays, field ids and values, in the order they were added. A group has
/// a few dozen fields at most, so a scan finds one about as fast as hashing. The arrays also take
/// about half the memory of a dictionary, which matters when a file has a million lines.
public struct NormalizedValues: Sendable {
    public var location: SourceLocation
    private var fields: [String] = []
    private var entries: [NormalizedValue] = []

    public init(location: SourceLocation, values: [String: NormalizedValue] = [:]) {
        self.location = location
        for (field, value) in values.sorted(by: { $0.key < $1.key }) { add(value, for: field) }
    }

    /// The values by field id.
    public var values: [String: NormalizedValue] {
        Dictionary(uniqueKeysWithValues: zip(fields, entries))
    }

    /// The field ids and values in the order they were added.
    public var pairs: Zip2Sequence<[String], [NormalizedValue]> { zip(fields, entries) }

    public subscript(field: String) -> NormalizedValue? {
        fields.firstIndex(of: field).map { entries[$0] }
    }

    public func text(_ field: String) -> String? { self[field]?.text }

    /// True when the field has a value; cheaper than reading the value.
    public func has(_ field: String) -> Bool { fields.contains(field) }

    /// Adds the value of a field, or replaces the value the field has.
    mutating func add(_ value: NormalizedValue, for field: String) {
        if let index = fields.firstIndex(of: field) {
            entries[index] = value
        } else {
            fields.append(field)
            entries.append(value)
        }
    }

    mutating func reserveCapacity(_ count: Int) {
        fields.reserveCapacity(count)
        entries.reserveCapacity(count)
    }
}

/// A consignment with every value normalised, ready for the rules.
public struct NormalizedConsignment: Sendable {
    public var reference: String
    public var header: NormalizedValues
    public var documents: [NormalizedValues]
    public var containers: [NormalizedValues]
    public var lines: [NormalizedValues]

    /// The entries of one level: the header alone, or every group entry or line.
    public func groups(at level: FieldLevel) -> [NormalizedValues] {
        switch level {
        case .consignment: return [header]
        case .document: return documents
        case .container: return containers
        case .line: return lines
        }
    }
}
