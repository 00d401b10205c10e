/// A copy of the exporter's CSV file with the findings of each record in one added last column,
/// so the exporter can open it in a spreadsheet and correct the file row by row.
///
/// The headers and records are written as they were read, in UTF-8 with a byte order mark (so
/// Excel shows Chinese), with CRLF line ends and the file's own delimiter. A cell is quoted per
/// RFC 4180 when it contains the delimiter, a double quote, CR or LF.
///
/// A record's findings cell lists the findings on the record's line, one per line within the
/// cell. Findings without a line, or on a line that starts no data record (the header), go into
/// one extra row after the records whose other cells are empty, so the header stays the first row.
/// A record shorter than the header is padded with empty cells so its findings sit under the
/// findings header. A record longer than the header keeps its extra cells before the findings.
///
/// NOTE: a spreadsheet program still turns cells such as CN codes into numbers when it opens the
/// copy, so saving the copy from Excel can drop leading zeros again.
public enum AnnotatedCSV {
    public static let findingsHeader = "TracesPrep 檢查結果 / findings"
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static func bytes(for report: FileReport) -> [UInt8] {
        let file = report.checked.file
        let delimiter = file.delimiter ?? ","
        let width = file.headers.count

        let recordLines = Set(file.records.map(\.line))
        var findingsByLine: [Int: [Finding]] = [:]
        var otherFindings: [Finding] = []
        for finding in report.checked.findings {
            if let line = finding.location.line, recordLines.contains(line) {
                findingsByLine[line, default: []].append(finding)
            } else {
                otherFindings.append(finding)
            }
        }

        var rows: [[String]] = [file.headers + [findingsHeader]]
        for record in file.records {
            var cells = record.cells
            if cells.count < width {
                cells += Array(repeating: "", count: width - cells.count)
            }
            let findings = findingsByLine[record.line] ?? []
            cells.append(findings.map { describe($0) }.joined(separator: "\n"))
            rows.append(cells)
        }
        if !otherFindings.isEmpty {
            let text = otherFindings.map { describe($0, withLine: true) }.joined(separator: "\n")
            rows.append(Array(repeating: "", count: width) + [text])
        }

        var output = byteOrderMark
        for row in rows {
            let line = row.map { quoted($0, delimiter: delimiter) }.joined(separator: delimiter) + "\r\n"
            output += Array(line.utf8)
        }
        return output
    }

    /// Describes a finding as `severity [rule] zh-TW message / en message`, after `第 N 行 / line N: `
    /// when `withLine` is set and the finding has a line.
    static func describe(_ finding: Finding, withLine: Bool = false) -> String {
        var text = "\(finding.severity.rawValue) [\(finding.rule)] \(finding.message.zhTW) / \(finding.message.en)"
        if withLine, let line = finding.location.line {
            text = "第 \(line) 行 / line \(line): " + text
        }
        return text
    }

    /// Quotes a cell per RFC 4180, doubling its quotes, when it contains the delimiter, a quote, CR or LF.
    static func quoted(_ cell: String, delimiter: String) -> String {
        let needsQuotes = cell.unicodeScalars.contains { scalar in
            scalar == "\"" || scalar == "\r" || scalar == "\n" || String(scalar) == delimiter
        }
        guard needsQuotes else { return cell }
        var output = "\""
        for character in cell {
            output += character == "\"" ? "\"\"" : String(character)
        }
        return output + "\""
    }
}
