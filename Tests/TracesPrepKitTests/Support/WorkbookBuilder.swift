import Foundation
import TracesPrepKit

/// An XLSX workbook built in code, the way Excel stores one: shared strings, styles with number
/// formats, sheets with cells addressed as `C7`, merged ranges, and the 1900 or 1904 date system.
struct WorkbookBuilder {
    enum Cell {
        /// A string in the shared-string table.
        case text(String)
        case inline(String)
        /// A number as the workbook stores it in `<v>`, shown through a style.
        case number(String, Style = .general)
        case boolean(Bool)
        /// A cell with a style but no value, as Excel writes for a formatted empty cell.
        case styledEmpty
    }

    /// The cell styles of `styles.xml`, by index.
    enum Style: Int {
        case general = 0
        case text = 1
        /// Built-in format 14, a date.
        case date = 2
        /// Built-in format 22, a date and time.
        case dateTime = 3
        /// The custom format `00000000`, which shows a code with its leading zeros.
        case zeroPadded = 4
        case percent = 5
    }

    struct Sheet {
        var name: String
        /// Cells by row number, then by 0-based column.
        var rows: [Int: [Int: Cell]] = [:]
        var merges: [String] = []
    }

    var sheets: [Sheet]
    var date1904 = false
    /// Extra XML placed before `<worksheet>` in every sheet, such as a DOCTYPE.
    var sheetPrologue = ""

    /// The valid tilapia consignment as a one-sheet workbook: field ids in row 1, values in row 2,
    /// every cell a shared string.
    static func consignment(_ csv: ConsignmentCSV = .valid(), sheet: String = "Sheet1") -> WorkbookBuilder {
        var first = Sheet(name: sheet)
        first.rows[1] = Dictionary(uniqueKeysWithValues: csv.columns.enumerated().map { ($0.offset, Cell.text($0.element.header)) })
        for (offset, row) in csv.rows.enumerated() {
            var cells: [Int: Cell] = [:]
            for (index, column) in csv.columns.enumerated() {
                if let value = row[column.id], !value.isEmpty { cells[index] = .text(value) }
            }
            first.rows[offset + 2] = cells
        }
        return WorkbookBuilder(sheets: [first], columns: csv.columns.map(\.id))
    }

    /// Field ids in column order, for `set`.
    var columns: [String] = []

    init(sheets: [Sheet], columns: [String] = []) {
        self.sheets = sheets
        self.columns = columns
    }

    /// The 0-based column of a field in the consignment sheet.
    func column(_ field: String) -> Int {
        columns.firstIndex(of: field)!
    }

    /// The cell reference of a field on a row of the first sheet: `Sheet1!AB2`.
    func reference(_ field: String, row: Int = 2) -> String {
        "\(sheets[0].name)!\(Self.letters(column(field)))\(row)"
    }

    mutating func set(_ field: String, row: Int = 2, to cell: Cell?) {
        sheets[0].rows[row, default: [:]][column(field)] = cell
    }

    // MARK: - Bytes

    func bytes() -> [UInt8] {
        var strings: [String] = []
        var stringIndex: [String: Int] = [:]
        func shared(_ text: String) -> Int {
            if let index = stringIndex[text] { return index }
            strings.append(text)
            stringIndex[text] = strings.count - 1
            return strings.count - 1
        }

        var zip = ZIPWriter()
        let sheetEntries = sheets.indices.map { index in
            "<sheet name=\"\(Self.escaped(sheets[index].name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }.joined()
        let sheetRelationships = sheets.indices.map { index in
            "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.relationshipBase)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }.joined()
        var sheetDocuments: [String] = []
        for sheet in sheets {
            var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + sheetPrologue
                + "<worksheet xmlns=\"\(Self.mainNamespace)\"><dimension ref=\"A1\"/><sheetData>"
            for number in sheet.rows.keys.sorted() {
                xml += "<row r=\"\(number)\">"
                for column in sheet.rows[number]!.keys.sorted() {
                    let reference = Self.letters(column) + String(number)
                    switch sheet.rows[number]![column]! {
                    case .text(let text):
                        xml += "<c r=\"\(reference)\" t=\"s\"><v>\(shared(text))</v></c>"
                    case .inline(let text):
                        xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(Self.escaped(text))</t></is></c>"
                    case .number(let value, let style):
                        xml += "<c r=\"\(reference)\" s=\"\(style.rawValue)\"><v>\(value)</v></c>"
                    case .boolean(let flag):
                        xml += "<c r=\"\(reference)\" t=\"b\"><v>\(flag ? 1 : 0)</v></c>"
                    case .styledEmpty:
                        xml += "<c r=\"\(reference)\" s=\"\(Style.text.rawValue)\"/>"
                    }
                }
                xml += "</row>"
            }
            xml += "</sheetData>"
            if !sheet.merges.isEmpty {
                xml += "<mergeCells count=\"\(sheet.merges.count)\">" + sheet.merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
            }
            sheetDocuments.append(xml + "</worksheet>")
        }

        zip.add("[Content_Types].xml", Array("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            \(sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            </Types>
            """.utf8))
        zip.add("_rels/.rels", Array("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(Self.packageRelationships)">\
            <Relationship Id="rId1" Type="\(Self.relationshipBase)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """.utf8))
        zip.add("xl/workbook.xml", Array("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(Self.mainNamespace)" xmlns:r="\(Self.relationshipBase)">\
            <workbookPr\(date1904 ? " date1904=\"1\"" : "")/><sheets>\(sheetEntries)</sheets></workbook>
            """.utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(Self.packageRelationships)">\(sheetRelationships)\
            <Relationship Id="rIdS" Type="\(Self.relationshipBase)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rIdT" Type="\(Self.relationshipBase)/styles" Target="styles.xml"/></Relationships>
            """.utf8))
        for (index, xml) in sheetDocuments.enumerated() {
            zip.add("xl/worksheets/sheet\(index + 1).xml", Array(xml.utf8))
        }
        zip.add("xl/sharedStrings.xml", Array((
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"\(Self.mainNamespace)\">"
                + strings.map { "<si><t xml:space=\"preserve\">\(Self.escaped($0))</t></si>" }.joined() + "</sst>").utf8))
        zip.add("xl/styles.xml", Array("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="\(Self.mainNamespace)"><numFmts count="1"><numFmt numFmtId="164" formatCode="00000000"/></numFmts>\
            <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="49"/><xf numFmtId="14"/><xf numFmtId="22"/>\
            <xf numFmtId="164"/><xf numFmtId="9"/></cellXfs></styleSheet>
            """.utf8))
        return zip.bytes()
    }

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    static func letters(_ column: Int) -> String {
        var number = column + 1
        var result = ""
        while number > 0 {
            result = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + result
            number = (number - 1) / 26
        }
        return result
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// Writes the workbook as `consignment.xlsx` in a fresh folder and validates it.
func validate(_ workbook: WorkbookBuilder, named name: String = "consignment.xlsx") throws -> FileReport {
    try withTemporaryFolder { folder in try validate(bytes: workbook.bytes(), named: name, in: folder) }
}
