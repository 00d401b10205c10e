import Testing

/// A position in a CSV fixture where a test expects a finding.
struct Mark: Equatable, CustomStringConvertible {
    /// The text inside the brackets without a `row:` prefix, such as `attachment-file missing`.
    var label: String
    /// Physical line (1-based) where the marked record starts.
    var line: Int
    /// The header of the marked cell as written, or nil for a `row:` mark.
    var column: String?

    /// The rule id: the label up to its first space.
    var rule: String { String(label.prefix { $0 != " " }) }

    var description: String { "⟦\(label)⟧ at line \(line), column \(column ?? "nil")" }
}

/// CSV fixture text with expected finding positions marked inline.
///
/// Write the file as it should arrive and put `⟦rule-id⟧` right after (or inside) the cell that a
/// finding points at, for example `EMCU3811878⟦container-number-check-digit⟧`, or
/// `,⟦mandatory-consignment⟧,` for an empty cell. A mark on the header row points at that header.
/// `⟦row: rule-id⟧` marks a finding about the record as a whole, which has no column. When one
/// rule is marked more than once with different details, a word after the rule id distinguishes
/// the marks (`⟦value-normalized departure⟧`).
///
/// `init` removes every mark and records the physical line where the marked record starts and the
/// header of the marked cell. It follows RFC 4180 quoting only so far as line and cell counting
/// need: a `"` toggles quoting (so `""` inside a quoted cell toggles twice), and the delimiter and
/// line ends (LF, CRLF or CR) count only outside quotes. Header cells lose their surrounding quotes.
struct MarkedText {
    /// The fixture without its marks, as it is written to the file under test.
    let text: String
    let marks: [Mark]

    init(_ marked: String, delimiter: Unicode.Scalar = ",") {
        var output = String.UnicodeScalarView()
        var pending: [(label: String, line: Int, cell: Int?)] = []
        var headers: [String] = []
        var headerCell = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var recordIndex = 0
        var cellIndex = 0
        var inQuotes = false
        var atRecordStart = true

        let scalars = Array(marked.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "⟦" {
                var label = ""
                while index < scalars.count, scalars[index] != "⟧" {
                    label.unicodeScalars.append(scalars[index])
                    index += 1
                }
                index += 1
                if atRecordStart {
                    recordLine = line
                    atRecordStart = false
                }
                if label.hasPrefix("row:") {
                    pending.append((String(label.dropFirst(4)).trimmingCharacters(), recordLine, nil))
                } else {
                    pending.append((label, recordLine, cellIndex))
                }
                continue
            }
            output.append(scalar)
            let isLineEnd = scalar == "\n" || (scalar == "\r" && (index >= scalars.count || scalars[index] != "\n"))
            if isLineEnd {
                line += 1
            }
            if inQuotes {
                if scalar == "\"" { inQuotes = false }
                if recordIndex == 0 && scalar != "\"" { headerCell.append(scalar) }
                continue
            }
            if scalar == "\r" || scalar == "\n" {
                if isLineEnd && !atRecordStart {
                    if recordIndex == 0 {
                        headers.append(String(headerCell))
                        headerCell = String.UnicodeScalarView()
                    }
                    recordIndex += 1
                    cellIndex = 0
                    atRecordStart = true
                }
                continue
            }
            if atRecordStart {
                recordLine = line
                atRecordStart = false
            }
            if scalar == "\"" {
                inQuotes = true
            } else if scalar == delimiter {
                if recordIndex == 0 {
                    headers.append(String(headerCell))
                    headerCell = String.UnicodeScalarView()
                }
                cellIndex += 1
            } else if recordIndex == 0 {
                headerCell.append(scalar)
            }
        }
        if recordIndex == 0 && !atRecordStart {
            headers.append(String(headerCell))
        }

        text = String(output)
        marks = pending.map { mark in
            let column = mark.cell.map { $0 < headers.count ? headers[$0] : "<cell \($0 + 1) beyond the header>" }
            return Mark(label: mark.label, line: mark.line, column: column)
        }
    }

    /// Builds the expected findings: one per mark, with the line and column of the mark and the other
    /// attributes from `details`, keyed by mark label. Records an issue for a mark without details
    /// and for details without a mark.
    func expectedFindings(
        _ details: [String: FindingDetails], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> [ExpectedFinding] {
        for label in details.keys where !marks.contains(where: { $0.label == label }) {
            Issue.record("the fixture has no mark ⟦\(label)⟧", sourceLocation: sourceLocation)
        }
        return marks.compactMap { mark in
            guard let detail = details[mark.label] else {
                Issue.record("no details given for \(mark)", sourceLocation: sourceLocation)
                return nil
            }
            return ExpectedFinding(
                rule: mark.rule, kind: detail.kind, severity: detail.severity, box: detail.box, line: mark.line,
                column: mark.column, value: detail.value, expected: detail.expected)
        }
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
