/// Removes the empty columns and rows a spreadsheet program appends after the data. Excel saves
/// every column or row that once contained a value or a format. In a CSV file they are `,,,` at
/// the end of lines and rows of nothing but delimiters, and in a workbook empty cells.
enum TrailingBlanks {
    /// Drops trailing columns that are blank in the header and every record, and trailing records
    /// whose cells are all blank. Returns one info event for each kind of drop that happened.
    static func trim(header: inout CSVRecord, records: inout [CSVRecord]) -> [StageEvent] {
        var events: [StageEvent] = []
        func isBlank(_ cell: String) -> Bool { cell.trimmingWhitespace().isEmpty }

        var droppedRows: [CSVRecord] = []
        while let last = records.last, last.cells.allSatisfy(isBlank) {
            droppedRows.insert(records.removeLast(), at: 0)
        }
        if let first = droppedRows.first {
            events.append(StageEvent(
                EventName.emptyRowsDropped, location: SourceLocation(line: first.line),
                details: ["count": String(droppedRows.count)]))
        }

        let width = records.reduce(header.cells.count) { max($0, $1.cells.count) }
        var used = 0
        for (index, cell) in header.cells.enumerated() where !isBlank(cell) { used = index + 1 }
        for record in records {
            for (index, cell) in record.cells.enumerated().reversed() where index >= used && !isBlank(cell) {
                used = index + 1
                break
            }
        }
        if used < width {
            header.cells = Array(header.cells.prefix(used))
            for index in records.indices where records[index].cells.count > used {
                records[index].cells = Array(records[index].cells.prefix(used))
            }
            events.append(StageEvent(
                EventName.emptyColumnsDropped, location: SourceLocation(line: header.line),
                details: ["count": String(width - used)]))
        }
        return events
    }
}
