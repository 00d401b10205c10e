/// An input file read into consignments, before normalisation and rules.
public struct ConsignmentFile: Sendable {
    public enum Format: String, Sendable {
        case csv, xml, xlsx
    }

    public var format: Format
    public var encoding: TextEncoding?
    /// The CSV delimiter as a character (`,`, `;` or a tab).
    public var delimiter: String?
    public var consignments: [Consignment]
    public var events: [StageEvent]
    /// The header as written for each field id present in the file.
    public var columns: [String: String]
    /// Headers in file order, as written (for the annotated copy).
    public var headers: [String]
    /// All data records in file order, as read (for the annotated copy).
    public var records: [CSVRecord]
    /// False when the file could not be read to the end.
    public var complete: Bool
    /// For a workbook: the sheet that was read and the original bytes, for cell references and
    /// the annotated copy.
    public var spreadsheet: SpreadsheetSource? = nil
}

/// The workbook a consignment file was read from.
public struct SpreadsheetSource: Sendable {
    /// The sheet's name as the workbook gives it.
    public var sheetName: String
    /// The ZIP member holding the sheet, such as `xl/worksheets/sheet1.xml`.
    public var sheetMember: String
    /// The column of each header as read (0-based), keyed by the header as written.
    public var headerColumns: [String: Int]
    /// The row number of the header row.
    public var headerRow: Int
    public var bytes: [UInt8]
}
