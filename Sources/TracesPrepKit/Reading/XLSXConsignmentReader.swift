/// Turns an XLSX workbook into consignments: reads the consignment sheet as rows of text, then
/// maps headers and groups rows exactly as the CSV reader does, with each row number as the line.
/// Values keep how their cell stored them, for the Excel damage checks.
public struct XLSXConsignmentReader {
    public var catalog: FieldCatalog
    public var limits: ZIPLimits

    public init(catalog: FieldCatalog, limits: ZIPLimits = .workbook) {
        self.catalog = catalog
        self.limits = limits
    }

    public func read(_ bytes: [UInt8]) -> ConsignmentFile {
        var file = ConsignmentFile(
            format: .xlsx, encoding: nil, delimiter: nil, consignments: [], events: [], columns: [:], headers: [],
            records: [], complete: true)
        let sheet: XLSXSheet
        let member: String
        do {
            var workbook = try XLSXWorkbook(bytes: bytes, limits: limits)
            (sheet, member) = try workbook.readConsignmentSheet()
        } catch let error as XLSXReadError {
            file.complete = false
            file.events.append(StageEvent(
                error.tooLarge ? EventName.xlsxTooLarge : EventName.xlsxUnreadable,
                details: ["reason_zh": error.reason.zhTW, "reason_en": error.reason.en]))
            return file
        } catch {
            file.complete = false
            file.events.append(StageEvent(
                EventName.xlsxUnreadable, details: ["reason_zh": "\(error)", "reason_en": "\(error)"]))
            return file
        }
        if sheet.sheetNames.count > 1 {
            file.events.append(StageEvent(
                EventName.sheetChosen, value: sheet.name,
                details: ["sheets": sheet.sheetNames.joined(separator: ", "), "count": String(sheet.sheetNames.count)]))
        }

        // Rows without a single non-blank cell before the header are not part of the table.
        let width = sheet.rows.reduce(0) { max($0, ($1.cells.keys.max() ?? -1) + 1) }
        var records = sheet.rows.filter { !$0.cells.isEmpty }.map { row in
            CSVRecord(line: row.number, cells: (0..<width).map { row.cells[$0]?.text ?? "" })
        }
        if let headerIndex = records.firstIndex(where: { $0.cells.contains { !$0.trimmingWhitespace().isEmpty } }) {
            records.removeFirst(headerIndex)
        } else {
            records = []
        }
        guard var header = records.first else {
            file.events.append(StageEvent(EventName.emptyFile))
            return file
        }
        records.removeFirst()
        file.events += TrailingBlanks.trim(header: &header, records: &records)
        file.headers = header.cells
        file.records = records

        let reader = CSVConsignmentReader(catalog: catalog)
        let mapping = reader.mapHeaders(header, into: &file)
        var headerColumns: [String: Int] = [:]
        for (index, name) in header.cells.enumerated() where headerColumns[name] == nil {
            headerColumns[name] = index
        }
        file.spreadsheet = SpreadsheetSource(
            sheetName: sheet.name, sheetMember: member, headerColumns: headerColumns, headerRow: header.line, bytes: bytes)
        if records.isEmpty {
            file.events.append(StageEvent(EventName.noDataRows, location: SourceLocation(line: header.line)))
            return file
        }
        reader.group(records, mapping: mapping, into: &file)
        attachCells(sheet, mapping: mapping, to: &file)
        return file
    }

    /// Gives every value the cell it was read from, found by its row and its field's column.
    private func attachCells(_ sheet: XLSXSheet, mapping: [FieldDefinition?], to file: inout ConsignmentFile) {
        var columnOfField: [String: Int] = [:]
        for (index, field) in mapping.enumerated() {
            if let field { columnOfField[field.id] = index }
        }
        var rowsByNumber: [Int: XLSXSheet.Row] = [:]
        for row in sheet.rows { rowsByNumber[row.number] = row }
        func attach(_ group: inout FieldValues) {
            for (id, value) in group.pairs {
                guard let line = value.location.line, let column = columnOfField[id],
                      let cell = rowsByNumber[line]?.cells[column]
                else { continue }
                group[id]?.cell = cell.info
            }
        }
        for index in file.consignments.indices {
            attach(&file.consignments[index].header)
            for entry in file.consignments[index].documents.indices { attach(&file.consignments[index].documents[entry]) }
            for entry in file.consignments[index].containers.indices { attach(&file.consignments[index].containers[entry]) }
            for entry in file.consignments[index].lines.indices { attach(&file.consignments[index].lines[entry]) }
        }
    }

    /// Rewrites the column of each finding from the header it names to the cell it points at
    /// (`Sheet1!C7`), for findings on a row of the sheet about a column the sheet has.
    public static func citeCells(in checked: inout CheckedFile) {
        guard let source = checked.file.spreadsheet else { return }
        let sheet = XLSXWorkbook.quotedSheetName(source.sheetName)
        func cite(_ finding: inout Finding) {
            guard let line = finding.location.line, let header = finding.location.column,
                  let column = source.headerColumns[header]
            else { return }
            finding.location.column = sheet + "!" + CellReference.letters(column) + String(line)
        }
        for index in checked.findings.indices { cite(&checked.findings[index]) }
        for consignment in checked.consignments.indices {
            for index in checked.consignments[consignment].findings.indices { cite(&checked.consignments[consignment].findings[index]) }
        }
    }
}
