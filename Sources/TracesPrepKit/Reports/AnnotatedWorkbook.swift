/// A copy of the exporter's workbook with the findings of each row in one added column, so the
/// exporter corrects the file they know, with its formats, formulas and other sheets intact.
///
/// Only the consignment sheet changes. Each row that has findings gets an inline-string cell in
/// the first column after the table, under `AnnotatedCSV.findingsHeader` in the header row. The
/// findings without a row of their own go into one new row after the last. Every other member
/// is copied as it is stored, without inflating it. The sheet's XML, which libxml2 already found
/// well-formed when the file was read, is edited as text at the positions of its `row` and `c`
/// tags, so nothing else in it is rewritten.
public enum AnnotatedWorkbook {
    public struct Failure: Error, Sendable {
        public var reason: String
    }

    public static func bytes(for report: FileReport) throws -> [UInt8] {
        let file = report.checked.file
        guard let source = file.spreadsheet else { throw Failure(reason: "the file was not read from a workbook") }
        var archive = try ZIPArchive(bytes: source.bytes)
        guard let sheetMember = archive.member(named: source.sheetMember), let sheet = try archive.data(of: source.sheetMember) else {
            throw Failure(reason: "the sheet '\(source.sheetMember)' is missing")
        }

        let findingsColumn = file.headers.count
        let headerLine = source.headerRow
        let rowLines = Set(file.records.map(\.line))
        var notes: [Int: String] = [:]
        var others: [String] = []
        for finding in report.checked.findings {
            if let line = finding.location.line, rowLines.contains(line) {
                notes[line, default: ""] += (notes[line] == nil ? "" : "\n") + AnnotatedCSV.describe(finding)
            } else {
                others.append(AnnotatedCSV.describe(finding, withLine: true))
            }
        }
        notes[headerLine] = AnnotatedCSV.findingsHeader

        let edited = try SheetEditor(sheet).annotated(
            column: findingsColumn, notes: notes, extraRow: others.isEmpty ? nil : others.joined(separator: "\n"))

        var writer = ZIPWriter()
        for member in archive.members {
            if member.name == sheetMember.name {
                writer.add(member.name, edited)
            } else {
                try writer.copy(member, from: archive)
            }
        }
        return writer.bytes()
    }

}

/// Text edits to a worksheet's `sheetData`.
struct SheetEditor {
    private let text: [UInt8]

    init(_ bytes: [UInt8]) {
        text = bytes
    }

    /// A tag of the sheet: where it starts and ends, its qualified name and whether it closes itself.
    private struct Tag {
        var start: Int
        var end: Int
        var name: String
        var isEnd: Bool
        var isEmpty: Bool
        var attributes: [String: String]

        var localName: String { name.split(separator: ":").last.map(String.init) ?? name }
        var prefix: String { name.contains(":") ? String(name.prefix { $0 != ":" }) + ":" : "" }
    }

    func annotated(column: Int, notes: [Int: String], extraRow: String?) throws -> [UInt8] {
        var edits: [(range: Range<Int>, replacement: String)] = []
        var position = 0
        var depth = 0
        var inSheetData = false
        var currentRow: (tag: Tag, number: Int, inserted: Bool)?
        var lastRow = 0
        var previousColumn = -1
        var dimension: Tag?

        while let tag = nextTag(from: position) {
            position = tag.end
            if !inSheetData {
                if tag.localName == "dimension" && !tag.isEnd { dimension = tag }
                if tag.localName == "sheetData" && !tag.isEnd {
                    if tag.isEmpty {
                        if let extraRow {
                            let row = Self.row(prefix: tag.prefix, number: 1, column: column, text: extraRow)
                            edits.append((tag.start..<tag.end, "<\(tag.name)>\(row)</\(tag.name)>"))
                        }
                        break
                    }
                    inSheetData = true
                    depth = 0
                }
                continue
            }
            if tag.isEnd {
                if depth == 0 {
                    // The end of sheetData: the row for findings without a row goes last.
                    if let extraRow {
                        edits.append((tag.start..<tag.start, Self.row(prefix: tag.prefix, number: lastRow + 1, column: column, text: extraRow)))
                        lastRow += 1
                    }
                    break
                }
                depth -= 1
                if depth == 0, var row = currentRow {
                    if !row.inserted, let note = notes[row.number] {
                        edits.append((tag.start..<tag.start, Self.cell(prefix: row.tag.prefix, column: column, row: row.number, text: note)))
                        row.inserted = true
                    }
                    currentRow = nil
                }
                continue
            }
            if depth == 0 && tag.localName == "row" {
                let number = tag.attributes["r"].flatMap(Int.init) ?? lastRow + 1
                lastRow = number
                previousColumn = -1
                if tag.isEmpty {
                    if let note = notes[number] {
                        let open = String(decoding: text[tag.start..<(tag.end - 2)], as: UTF8.self).trimmingWhitespace()
                        edits.append((tag.start..<tag.end, open + ">" + Self.cell(prefix: tag.prefix, column: column, row: number, text: note) + "</\(tag.name)>"))
                    }
                    continue
                }
                currentRow = (tag, number, false)
                depth = 1
                continue
            }
            if depth == 1, tag.localName == "c", var row = currentRow {
                let cellColumn = tag.attributes["r"].flatMap { CellReference(parsing: $0)?.column } ?? previousColumn + 1
                previousColumn = cellColumn
                let cellEnd = tag.isEmpty ? tag.end : try endOfElement(tag)
                if !row.inserted, cellColumn >= column, let note = notes[row.number] {
                    let replaced = cellColumn == column ? tag.start..<cellEnd : tag.start..<tag.start
                    edits.append((replaced, Self.cell(prefix: tag.prefix, column: column, row: row.number, text: note)))
                    row.inserted = true
                    currentRow = row
                }
                position = cellEnd
                continue
            }
            if !tag.isEmpty { depth += 1 }
        }

        if let dimension, let reference = dimension.attributes["ref"] {
            let first = reference.split(separator: ":").first.map(String.init) ?? "A1"
            let last = reference.split(separator: ":").last.flatMap { CellReference(parsing: String($0)) }
            let lastColumn = max(last?.column ?? 0, column)
            let lastRowNumber = max(last?.row ?? 1, lastRow)
            let open = "<\(dimension.name) ref=\"\(first):\(CellReference.letters(lastColumn))\(lastRowNumber)\"/>"
            edits.append((dimension.start..<dimension.end, open))
        }

        var output: [UInt8] = []
        output.reserveCapacity(text.count + edits.count * 256)
        var copied = 0
        for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            output += text[copied..<edit.range.lowerBound]
            output += Array(edit.replacement.utf8)
            copied = edit.range.upperBound
        }
        output += text[copied...]
        return output
    }

    // MARK: - Markup

    static func row(prefix: String, number: Int, column: Int, text: String) -> String {
        "<\(prefix)row r=\"\(number)\">" + cell(prefix: prefix, column: column, row: number, text: text) + "</\(prefix)row>"
    }

    static func cell(prefix: String, column: Int, row: Int, text: String) -> String {
        "<\(prefix)c r=\"\(CellReference.letters(column))\(row)\" t=\"inlineStr\"><\(prefix)is><\(prefix)t xml:space=\"preserve\">"
            + escaped(text) + "</\(prefix)t></\(prefix)is></\(prefix)c>"
    }

    /// Escapes markup characters and drops the control characters XML 1.0 forbids.
    static func escaped(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\n", "\t": output.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    // MARK: - Scanning

    /// Returns the next start, end or empty-element tag at or after `position`, skipping comments,
    /// processing instructions, CDATA sections and text.
    private func nextTag(from position: Int) -> Tag? {
        var index = position
        while index < text.count {
            guard text[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if starts(with: "<!--", at: index) {
                index = find("-->", from: index + 4).map { $0 + 3 } ?? text.count
                continue
            }
            if starts(with: "<![CDATA[", at: index) {
                index = find("]]>", from: index + 9).map { $0 + 3 } ?? text.count
                continue
            }
            if starts(with: "<?", at: index) || starts(with: "<!", at: index) {
                index = find(">", from: index + 2).map { $0 + 1 } ?? text.count
                continue
            }
            return readTag(at: index)
        }
        return nil
    }

    private func readTag(at start: Int) -> Tag? {
        var index = start + 1
        let isEnd = index < text.count && text[index] == UInt8(ascii: "/")
        if isEnd { index += 1 }
        let nameStart = index
        while index < text.count, !Self.isSpace(text[index]), text[index] != UInt8(ascii: ">"), text[index] != UInt8(ascii: "/") {
            index += 1
        }
        let name = String(decoding: text[nameStart..<index], as: UTF8.self)
        var attributes: [String: String] = [:]
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ">") {
                let isEmpty = index > start && text[index - 1] == UInt8(ascii: "/")
                return Tag(start: start, end: index + 1, name: name, isEnd: isEnd, isEmpty: isEmpty, attributes: attributes)
            }
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") {
                index += 1
                continue
            }
            let attributeStart = index
            while index < text.count, text[index] != UInt8(ascii: "="), !Self.isSpace(text[index]) { index += 1 }
            let attributeName = String(decoding: text[attributeStart..<index], as: UTF8.self)
            while index < text.count, text[index] != UInt8(ascii: "\""), text[index] != UInt8(ascii: "'") { index += 1 }
            guard index < text.count else { return nil }
            let quote = text[index]
            let valueStart = index + 1
            index = valueStart
            while index < text.count, text[index] != quote { index += 1 }
            let localName = attributeName.split(separator: ":").last.map(String.init) ?? attributeName
            attributes[localName] = String(decoding: text[valueStart..<min(index, text.count)], as: UTF8.self)
            index += 1
        }
        return nil
    }

    /// Returns the offset just past the end tag that closes `tag`.
    private func endOfElement(_ tag: Tag) throws -> Int {
        var depth = 1
        var position = tag.end
        while let next = nextTag(from: position) {
            position = next.end
            if next.isEnd {
                depth -= 1
                if depth == 0 { return next.end }
            } else if !next.isEmpty {
                depth += 1
            }
        }
        throw AnnotatedWorkbook.Failure(reason: "element \(tag.name) is not closed")
    }

    private func starts(with prefix: String, at index: Int) -> Bool {
        let bytes = Array(prefix.utf8)
        return index + bytes.count <= text.count && text[index..<(index + bytes.count)].elementsEqual(bytes)
    }

    private func find(_ needle: String, from index: Int) -> Int? {
        let bytes = Array(needle.utf8)
        var position = index
        while position + bytes.count <= text.count {
            if text[position..<(position + bytes.count)].elementsEqual(bytes) { return position }
            position += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
