import Foundation

/// How a cell stored its value, kept with values read from a workbook so that Excel damage can
/// be distinguished from what the exporter typed.
public struct SpreadsheetCell: Sendable, Equatable {
    /// The cell with its sheet, as findings cite it: `Sheet1!C7`.
    public var reference: String
    /// For a number cell, the number as the workbook stores it (`<v>`): `3046100`, `261201123456`.
    public var storedNumber: String?
    /// True when the cell's number format shows the number as a date or time.
    public var isDate: Bool
    /// Month and day of a date cell.
    public var month: Int?
    public var day: Int?

    public init(reference: String, storedNumber: String? = nil, isDate: Bool = false, month: Int? = nil, day: Int? = nil) {
        self.reference = reference
        self.storedNumber = storedNumber
        self.isDate = isDate
        self.month = month
        self.day = day
    }
}

/// The reason a workbook cannot be read, for the `xlsx_unreadable` and `xlsx_too_large` events.
public struct XLSXReadError: Error, Sendable, Equatable {
    public var reason: LocalizedText
    /// True when a size cap stopped the reading, rather than damage.
    public var tooLarge: Bool
}

/// One sheet of a workbook, cells as text: rows in sheet order, each a map from the 0-based
/// column index to the cell.
public struct XLSXSheet: Sendable {
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var info: SpreadsheetCell
    }

    public struct Row: Sendable {
        /// 1-based row number, as Excel shows it.
        public var number: Int
        public var cells: [Int: Cell]
    }

    public var name: String
    public var rows: [Row]
    /// Names of all sheets in workbook order.
    public var sheetNames: [String]
}

/// Reads the sheet a consignment file uses from an XLSX workbook: the relationships, workbook,
/// shared strings, styles and the sheet itself, each a ZIP member found by name.
public struct XLSXWorkbook {
    /// Sheet names that mark the consignment sheet, compared ignoring case and width.
    public static let preferredSheetNames = ["consignments", "出口資料"]

    private var archive: ZIPArchive
    public private(set) var date1904 = false

    public init(bytes: [UInt8], limits: ZIPLimits = .workbook) throws {
        do {
            archive = try ZIPArchive(bytes: bytes, limits: limits)
        } catch let error as ZIPError {
            throw Self.readError(error)
        }
    }

    /// The archive the workbook was read from, for the annotated copy.
    public var zipArchive: ZIPArchive { archive }

    /// Reads the consignment sheet: the sheet named `consignments` or `出口資料`, else the first.
    public mutating func readConsignmentSheet() throws -> (sheet: XLSXSheet, member: String) {
        let workbookPath = try officeDocumentPath()
        let workbook = try document(workbookPath)
        guard let root = workbook.children(of: nil).first else { throw Self.unreadable("工作簿是空的", "the workbook is empty") }
        if let properties = workbook.firstChild(of: root, named: "workbookPr"),
           let flag = workbook.attribute("date1904", of: properties)
        {
            date1904 = flag == "1" || flag.lowercased() == "true"
        }
        let relationships = try self.relationships(of: workbookPath)
        var sheets: [(name: String, target: String)] = []
        for list in workbook.children(of: root, named: "sheets") {
            for sheet in workbook.children(of: list, named: "sheet") {
                guard let name = workbook.attribute("name", of: sheet), let id = workbook.attribute("id", of: sheet),
                      let target = relationships[id]?.target
                else { continue }
                sheets.append((name, target))
            }
        }
        guard !sheets.isEmpty else { throw Self.unreadable("工作簿沒有工作表", "the workbook has no sheet") }
        let preferred = Set(Self.preferredSheetNames.map(TextNormalization.key))
        let chosen = sheets.first { preferred.contains(TextNormalization.key($0.name)) } ?? sheets[0]

        let sharedStrings = try relationships.values.first { $0.type.hasSuffix("/sharedStrings") }
            .map { try self.sharedStrings($0.target) } ?? []
        let formats = try relationships.values.first { $0.type.hasSuffix("/styles") }.map { try self.cellFormats($0.target) } ?? []
        let sheet = try readSheet(
            chosen.target, name: chosen.name, sharedStrings: sharedStrings, formats: formats, sheetNames: sheets.map(\.name))
        return (sheet, chosen.target)
    }

    // MARK: - Package parts

    private struct Relationship {
        var type: String
        /// The member name the relationship points at.
        var target: String
    }

    /// Returns the workbook part named by the package relationships; `xl/workbook.xml` when they name none.
    private mutating func officeDocumentPath() throws -> String {
        let relationships = try self.relationships(of: "")
        return relationships.values.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
    }

    /// Reads `_rels/NAME.rels` beside the part `path` (the package's own for ""): id → relationship.
    private mutating func relationships(of path: String) throws -> [String: Relationship] {
        let folder = Self.folder(of: path)
        let file = path.split(separator: "/").last.map(String.init) ?? ""
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        guard archive.member(named: relsPath) != nil else { return [:] }
        let document = try self.document(relsPath)
        var result: [String: Relationship] = [:]
        for element in document.elements(named: "Relationship") {
            guard let id = document.attribute("Id", of: element), let type = document.attribute("Type", of: element),
                  let target = document.attribute("Target", of: element),
                  document.attribute("TargetMode", of: element) != "External"
            else { continue }
            result[id] = Relationship(type: type, target: Self.resolve(target, in: folder))
        }
        return result
    }

    /// Returns the text of each shared string, from plain `<t>` or rich-text runs. Phonetic runs
    /// (`<rPh>`) are not part of the text.
    private mutating func sharedStrings(_ path: String) throws -> [String] {
        guard archive.member(named: path) != nil else { return [] }
        let document = try self.document(path)
        return document.elements(named: "si").map { Self.stringItemText(document, $0) }
    }

    static func stringItemText(_ document: XLSXXMLDocument, _ item: Int) -> String {
        var text = ""
        for child in document.children(of: item) {
            switch document.names[child] {
            case "t": text += document.text(of: child)
            case "r": text += document.firstChild(of: child, named: "t").map { document.text(of: $0) } ?? ""
            default: continue
            }
        }
        return text
    }

    /// Returns the number format of each cell style (`cellXfs`), by style index.
    private mutating func cellFormats(_ path: String) throws -> [XLSXNumberFormat] {
        guard archive.member(named: path) != nil else { return [] }
        let document = try self.document(path)
        var codes: [Int: String] = [:]
        for format in document.elements(named: "numFmt") {
            if let id = document.attribute("numFmtId", of: format).flatMap(Int.init) {
                codes[id] = document.attribute("formatCode", of: format)
            }
        }
        guard let cellXfs = document.elements(named: "cellXfs").first else { return [] }
        return document.children(of: cellXfs, named: "xf").map { xf in
            let id = document.attribute("numFmtId", of: xf).flatMap(Int.init) ?? 0
            return XLSXNumberFormat(id: id, code: codes[id])
        }
    }

    // MARK: - The sheet

    private mutating func readSheet(
        _ path: String, name: String, sharedStrings: [String], formats: [XLSXNumberFormat], sheetNames: [String]
    ) throws -> XLSXSheet {
        let document = try self.document(path)
        var rows: [XLSXSheet.Row] = []
        let merges = document.elements(named: "mergeCell").compactMap { document.attribute("ref", of: $0).flatMap(CellRange.init) }
        guard let sheetData = document.elements(named: "sheetData").first else {
            return XLSXSheet(name: name, rows: [], sheetNames: sheetNames)
        }
        var previousRow = 0
        for rowElement in document.children(of: sheetData, named: "row") {
            let number = document.attribute("r", of: rowElement).flatMap(Int.init) ?? previousRow + 1
            guard number > previousRow, number <= CellReference.maxRows else {
                throw Self.unreadable("工作表「\(name)」的列號 \(number) 無效", "sheet '\(name)' has an invalid row number \(number)")
            }
            previousRow = number
            var row = XLSXSheet.Row(number: number, cells: [:])
            var previousColumn = -1
            for cell in document.children(of: rowElement, named: "c") {
                let column = document.attribute("r", of: cell).flatMap { CellReference(parsing: $0)?.column } ?? previousColumn + 1
                guard column > previousColumn, column < CellReference.maxColumns else {
                    throw Self.unreadable("工作表「\(name)」第 \(number) 列的儲存格位置無效", "sheet '\(name)' row \(number) has an invalid cell position")
                }
                previousColumn = column
                // Cells covered by a merge, other than its first, count as blank.
                if merges.contains(where: { $0.covers(row: number, column: column) && !$0.isFirst(row: number, column: column) }) {
                    continue
                }
                let reference = Self.quotedSheetName(name) + "!" + CellReference.letters(column) + String(number)
                row.cells[column] = cellValue(document, cell, reference: reference, sharedStrings: sharedStrings, formats: formats)
            }
            rows.append(row)
        }
        return XLSXSheet(name: name, rows: rows, sheetNames: sheetNames)
    }

    private func cellValue(
        _ document: XLSXXMLDocument, _ cell: Int, reference: String, sharedStrings: [String], formats: [XLSXNumberFormat]
    ) -> XLSXSheet.Cell {
        let type = document.attribute("t", of: cell) ?? "n"
        let stored = document.firstChild(of: cell, named: "v").map { document.text(of: $0) }
        var info = SpreadsheetCell(reference: reference)
        switch type {
        case "s":
            let index = stored.flatMap { Int($0.trimmingWhitespace()) } ?? -1
            return XLSXSheet.Cell(text: sharedStrings.indices.contains(index) ? sharedStrings[index] : "", info: info)
        case "inlineStr":
            let text = document.firstChild(of: cell, named: "is").map { Self.stringItemText(document, $0) } ?? ""
            return XLSXSheet.Cell(text: text, info: info)
        case "b":
            return XLSXSheet.Cell(text: stored?.trimmingWhitespace() == "1" ? "TRUE" : "FALSE", info: info)
        case "str", "e", "d":
            return XLSXSheet.Cell(text: stored ?? "", info: info)
        default:
            guard let stored, !stored.trimmingWhitespace().isEmpty else { return XLSXSheet.Cell(text: "", info: info) }
            let styleIndex = document.attribute("s", of: cell).flatMap(Int.init) ?? 0
            let format = formats.indices.contains(styleIndex) ? formats[styleIndex] : .general
            info.storedNumber = stored.trimmingWhitespace()
            if format.kind == .date, let value = XLSXNumberFormat.decimal(stored),
               let date = XLSXNumberFormat.date(fromSerial: value, date1904: date1904)
            {
                info.isDate = true
                info.month = date.month
                info.day = date.day
                return XLSXSheet.Cell(text: date.text, info: info)
            }
            return XLSXSheet.Cell(text: format.text(forNumber: stored, date1904: date1904), info: info)
        }
    }

    // MARK: - Members

    /// Reads and parses one member; a missing or broken member makes the workbook unreadable.
    private mutating func document(_ path: String) throws -> XLSXXMLDocument {
        let bytes: [UInt8]
        do {
            guard let data = try archive.data(of: path) else {
                throw Self.unreadable("缺少「\(path)」", "the part '\(path)' is missing")
            }
            bytes = data
        } catch let error as ZIPError {
            throw Self.readError(error)
        }
        do {
            return try XLSXXMLDocument(bytes)
        } catch let problem as XLSXXMLProblem {
            throw Self.readError(problem, member: path)
        }
    }

    // MARK: - Names and paths

    /// Resolves a relationship target against the folder of its source part, as text only: a
    /// leading `/` starts from the package root, and `..` never climbs above it.
    static func resolve(_ target: String, in folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Returns a sheet name as a cell reference writes it, quoted when it has anything but letters,
    /// digits and `_` (Excel writes `'My sheet'!A1`).
    static func quotedSheetName(_ name: String) -> String {
        let plain = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            && !(name.first?.isNumber ?? false)
        return plain ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    // MARK: - Errors

    static func unreadable(_ zhTW: String, _ en: String) -> XLSXReadError {
        XLSXReadError(reason: LocalizedText(zhTW: zhTW, en: en), tooLarge: false)
    }

    static func readError(_ error: ZIPError) -> XLSXReadError {
        switch error {
        case .notAnArchive:
            return unreadable("這不是 ZIP 格式的 .xlsx 檔案，或檔案不完整", "it is not a ZIP-based .xlsx file, or the file is cut short")
        case .corrupt(let detail):
            return unreadable("ZIP 結構損壞（\(detail)）", "its ZIP structure is damaged (\(detail))")
        case .zip64:
            return unreadable("使用 ZIP64 格式，超過可讀取的大小", "it uses the ZIP64 format, beyond the sizes read here")
        case .encrypted(let member):
            return unreadable("「\(member)」已加密；請移除密碼保護後另存", "'\(member)' is encrypted; remove the password protection and save again")
        case .unsupportedMethod(let member, let method):
            return unreadable("「\(member)」使用不支援的壓縮方式 \(method)", "'\(member)' uses the unsupported compression method \(method)")
        case .tooManyMembers(let count, let limit):
            return XLSXReadError(
                reason: LocalizedText(zhTW: "壓縮檔有 \(count) 個成員，上限為 \(limit)", en: "the archive has \(count) members, over the limit of \(limit)"),
                tooLarge: true)
        case .memberTooLarge(let member, let size, let limit):
            return XLSXReadError(
                reason: LocalizedText(
                    zhTW: "「\(member)」解壓後為 \(size) 位元組，超過上限 \(limit) 位元組",
                    en: "'\(member)' uncompresses to \(size) bytes, over the limit of \(limit) bytes"),
                tooLarge: true)
        case .totalTooLarge(let limit):
            return XLSXReadError(
                reason: LocalizedText(zhTW: "解壓後的總大小超過上限 \(limit) 位元組", en: "the uncompressed parts together exceed the limit of \(limit) bytes"),
                tooLarge: true)
        case .damagedMember(let member):
            return unreadable("「\(member)」的資料損壞（解壓大小或 CRC 不符）", "the data of '\(member)' is damaged (its size or CRC does not match)")
        }
    }

    static func readError(_ problem: XLSXXMLProblem, member: String) -> XLSXReadError {
        switch problem {
        case .notWellFormed(let line, let message):
            return unreadable("「\(member)」第 \(line) 行不是格式正確的 XML：\(message)", "'\(member)' line \(line) is not well-formed XML: \(message)")
        case .doctype:
            return unreadable("「\(member)」含有 DOCTYPE，為安全起見不予讀取", "'\(member)' has a DOCTYPE, which is not read for safety")
        case .tooManyElements(let limit):
            return XLSXReadError(
                reason: LocalizedText(zhTW: "「\(member)」的 XML 元素超過 \(limit) 個", en: "'\(member)' has more than \(limit) XML elements"),
                tooLarge: true)
        case .tooMuchText(let limit):
            return XLSXReadError(
                reason: LocalizedText(zhTW: "「\(member)」的文字超過 \(limit) 位元組", en: "'\(member)' has more than \(limit) bytes of text"),
                tooLarge: true)
        case .empty:
            return unreadable("「\(member)」沒有 XML 元素", "'\(member)' has no XML element")
        case .outOfMemory:
            return XLSXReadError(
                reason: LocalizedText(zhTW: "讀取「\(member)」時記憶體不足", en: "memory ran out while reading '\(member)'"), tooLarge: true)
        }
    }
}

/// A cell position: 0-based column, 1-based row.
struct CellReference: Equatable {
    static let maxRows = 1_048_576
    static let maxColumns = 16_384

    var column: Int
    var row: Int

    /// Parses `C7` or `$C$7`; nil for anything else or beyond Excel's grid.
    init?(parsing text: String) {
        var column = 0
        var letters = 0
        var digits = ""
        for character in text where character != "$" {
            if let ascii = character.asciiValue, character.isLetter, digits.isEmpty, letters < 3 {
                column = column * 26 + Int(ascii & ~0x20) - 64
                letters += 1
            } else if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                return nil
            }
        }
        guard letters > 0, let row = Int(digits), row >= 1, row <= Self.maxRows, column <= Self.maxColumns else { return nil }
        self.column = column - 1
        self.row = row
    }

    /// Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA.
    static func letters(_ column: Int) -> String {
        var number = column + 1
        var result = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            result = String(UnicodeScalar(UInt8(65 + remainder))) + result
            number = (number - 1) / 26
        }
        return result
    }
}

/// A merged range `A2:A5`.
struct CellRange {
    var first: CellReference
    var last: CellReference

    init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard let first = parts.first.flatMap({ CellReference(parsing: String($0)) }) else { return nil }
        self.first = first
        self.last = parts.count > 1 ? CellReference(parsing: String(parts[1])) ?? first : first
    }

    func covers(row: Int, column: Int) -> Bool {
        (first.row...max(first.row, last.row)).contains(row) && (first.column...max(first.column, last.column)).contains(column)
    }

    func isFirst(row: Int, column: Int) -> Bool {
        row == first.row && column == first.column
    }
}
