/// An input file read into consignments, before normalisation and rules.
public struct ConsignmentFile: Sendable {
    public enum Format: String, Sendable {
        case csv, xml
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
}
