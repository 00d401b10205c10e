/// Seriousness of a finding.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// The certificate cannot be submitted as it is.
    case error
    /// TRACES-NT would accept it, but a person should look.
    case warning
    /// A change or assumption TracesPrep made.
    case info

    private var rank: Int {
        switch self {
        case .error: return 2
        case .warning: return 1
        case .info: return 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The stable classes of findings that scripts and tests match on.
public enum FindingKind: String, Sendable, Codable, CaseIterable {
    case missing
    case format
    case checkDigit = "check-digit"
    case unknownCode = "unknown-code"
    case notAllowed = "not-allowed"
    case modelConflict = "model-conflict"
    case inconsistent
    case attachment
    case structure
    case encoding
    case excelDamage = "excel-damage"
    case normalized
}

/// Position in the input file where a value was read.
public struct SourceLocation: Sendable, Equatable, Hashable {
    /// Physical line (1-based) where the record starts.
    public var line: Int?
    /// Data record number (1-based, header excluded); nil for XML.
    public var record: Int?
    /// The header exactly as written, or the XML element path.
    public var column: String?

    public init(line: Int? = nil, record: Int? = nil, column: String? = nil) {
        self.line = line
        self.record = record
        self.column = column
    }
}

/// One problem or change reported about an input file.
public struct Finding: Sendable, Equatable {
    public var rule: String
    public var kind: FindingKind
    public var severity: Severity
    public var field: String?
    public var box: String?
    public var consignment: String?
    public var location: SourceLocation
    /// The raw value as written, before normalisation.
    public var value: String?
    /// The valid value, where exactly one is known.
    public var expected: String?
    public var message: LocalizedText

    public init(
        rule: String, kind: FindingKind, severity: Severity, field: String? = nil, box: String? = nil,
        consignment: String? = nil, location: SourceLocation = SourceLocation(), value: String? = nil,
        expected: String? = nil, message: LocalizedText
    ) {
        self.rule = rule
        self.kind = kind
        self.severity = severity
        self.field = field
        self.box = box
        self.consignment = consignment
        self.location = location
        self.value = value
        self.expected = expected
        self.message = message
    }
}

/// The outcome of checking a file or a consignment.
public enum Verdict: String, Sendable, Codable {
    case accepted
    case rejected
    /// A check could not run, or the file could not be read to the end.
    case incomplete

    /// Derives the verdict from findings; `complete` is false when reading stopped early.
    public static func of(_ findings: [Finding], complete: Bool = true) -> Verdict {
        if !complete { return .incomplete }
        return findings.contains { $0.severity == .error } ? .rejected : .accepted
    }
}
