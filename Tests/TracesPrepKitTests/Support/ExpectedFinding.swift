import Testing
import TracesPrepKit

/// The attributes of a finding that tests compare: everything but the message text, the field id
/// and the record number, which tests check separately where they matter.
struct ExpectedFinding: Equatable, CustomStringConvertible {
    var rule: String
    var kind: FindingKind
    var severity: Severity
    var box: String?
    var line: Int?
    var column: String?
    var value: String?
    var expected: String?

    init(
        rule: String, kind: FindingKind, severity: Severity, box: String?, line: Int?, column: String?,
        value: String? = nil, expected: String? = nil
    ) {
        self.rule = rule
        self.kind = kind
        self.severity = severity
        self.box = box
        self.line = line
        self.column = column
        self.value = value
        self.expected = expected
    }

    init(_ finding: Finding) {
        self.init(
            rule: finding.rule, kind: finding.kind, severity: finding.severity, box: finding.box,
            line: finding.location.line, column: finding.location.column, value: finding.value,
            expected: finding.expected)
    }

    var description: String {
        "[\(rule)] \(kind.rawValue) \(severity.rawValue) box \(box ?? "nil") line \(line.map(String.init) ?? "nil") "
            + "column \(column.map { "'\($0)'" } ?? "nil") value \(value.map { "'\($0)'" } ?? "nil") "
            + "expected \(expected.map { "'\($0)'" } ?? "nil")"
    }
}

/// What a mark in a fixture does not say about its finding.
struct FindingDetails {
    var kind: FindingKind
    var severity: Severity
    var box: String?
    var value: String?
    var expected: String?

    init(_ kind: FindingKind, _ severity: Severity, box: String?, value: String? = nil, expected: String? = nil) {
        self.kind = kind
        self.severity = severity
        self.box = box
        self.value = value
        self.expected = expected
    }
}

/// Checks that `actual` contains exactly the expected findings, in any order: one issue for each
/// expected finding that is missing and one for each finding that was not expected.
func expectFindings(
    _ actual: [Finding], _ expected: [ExpectedFinding], sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    var unmatched = actual.map(ExpectedFinding.init)
    for finding in expected {
        if let index = unmatched.firstIndex(of: finding) {
            unmatched.remove(at: index)
        } else {
            let sameRule = unmatched.filter { $0.rule == finding.rule }.map(\.description)
            let hint = sameRule.isEmpty ? "" : "; found instead: " + sameRule.joined(separator: " | ")
            Issue.record("missing finding \(finding)\(hint)", sourceLocation: sourceLocation)
        }
    }
    for finding in unmatched {
        Issue.record("unexpected finding \(finding)", sourceLocation: sourceLocation)
    }
}
