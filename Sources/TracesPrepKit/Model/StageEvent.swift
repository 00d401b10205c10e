/// Something a pipeline stage noticed outside the field checks (an unknown header, a decoded
/// encoding, a rewritten value). The rule engine turns each into a finding using the rule whose
/// check is `event` and whose `params.event` names it, so its wording and severity stay in the rule files.
public struct StageEvent: Sendable {
    public var name: String
    public var field: String?
    public var consignment: String?
    public var location: SourceLocation
    public var value: String?
    public var expected: String?
    /// Extra `{placeholder}` values for the rule's message.
    public var details: [String: String]

    public init(
        _ name: String, field: String? = nil, consignment: String? = nil, location: SourceLocation = SourceLocation(),
        value: String? = nil, expected: String? = nil, details: [String: String] = [:]
    ) {
        self.name = name
        self.field = field
        self.consignment = consignment
        self.location = location
        self.value = value
        self.expected = expected
        self.details = details
    }
}

/// Names of the events the stages emit; a rule pack must give each one a rule.
public enum EventName {
    public static let decodedFrom = "decoded_from"
    public static let undecodableBytes = "undecodable_bytes"
    public static let emptyFile = "empty_file"
    public static let fileTooLarge = "file_too_large"
    public static let unsupportedFormat = "unsupported_format"
    public static let unclosedQuote = "unclosed_quote"
    public static let strayQuote = "stray_quote"
    public static let unknownHeader = "unknown_header"
    public static let duplicateHeader = "duplicate_header"
    public static let tooManyCells = "too_many_cells"
    public static let noDataRows = "no_data_rows"
    public static let missingReference = "missing_reference"
    public static let rowConflict = "row_conflict"
    public static let normalized = "normalized"
    public static let originFromConsignor = "origin_from_consignor"
    public static let originMismatch = "origin_mismatch"
    public static let unknownEstablishment = "unknown_establishment"
    public static let modelChoice = "model_choice"
    public static let extraDocumentFiles = "extra_document_files"

    // MARK: XML input

    public static let xmlEncodingUnsupported = "xml_encoding_unsupported"
    public static let xmlDecodedFrom = "xml_decoded_from"
    public static let xmlUndecodableBytes = "xml_undecodable_bytes"
    public static let xmlEncodingError = "xml_encoding_error"
    public static let xmlNotWellFormed = "xml_not_well_formed"
    public static let xmlWarning = "xml_warning"
    public static let xmlDoctype = "xml_doctype"
    public static let xmlExternalRejected = "xml_external_rejected"
    public static let xmlTooDeep = "xml_too_deep"
    public static let xmlTooManyNodes = "xml_too_many_nodes"
    public static let xmlTooManyAttributes = "xml_too_many_attributes"
    public static let xmlTextTooLong = "xml_text_too_long"
    public static let xmlParserFailure = "xml_parser_failure"
    public static let xmlSchemaInvalid = "xml_schema_invalid"
    public static let xmlMoreProblems = "xml_more_problems"
    public static let xmlUnknownRoot = "xml_unknown_root"
    public static let xmlNoConsignments = "xml_no_consignments"
    public static let xmlUnknownElement = "xml_unknown_element"
    public static let xmlMisplacedField = "xml_misplaced_field"
    public static let xmlDuplicateField = "xml_duplicate_field"
    public static let xmlMisplacedText = "xml_misplaced_text"
    public static let xmlMissingReference = "xml_missing_reference"
    public static let xmlDuplicateReference = "xml_duplicate_reference"
    public static let spsNoteIgnored = "sps_note_ignored"

    // MARK: Spreadsheets

    public static let xlsxUnreadable = "xlsx_unreadable"
    public static let xlsxTooLarge = "xlsx_too_large"
    public static let xlsFormat = "xls_format"
    public static let sheetChosen = "sheet_chosen"
    public static let emptyColumnsDropped = "empty_columns_dropped"
    public static let emptyRowsDropped = "empty_rows_dropped"
    public static let cccCodeReduced = "ccc_code_reduced"

    public static let all: [String] = [
        decodedFrom, undecodableBytes, emptyFile, fileTooLarge, unsupportedFormat, unclosedQuote, strayQuote, unknownHeader,
        duplicateHeader, tooManyCells, noDataRows, missingReference, rowConflict, normalized,
        originFromConsignor, originMismatch, unknownEstablishment, modelChoice, extraDocumentFiles,
        xmlEncodingUnsupported, xmlDecodedFrom, xmlUndecodableBytes, xmlEncodingError, xmlNotWellFormed, xmlWarning,
        xmlDoctype, xmlExternalRejected, xmlTooDeep, xmlTooManyNodes, xmlTooManyAttributes, xmlTextTooLong,
        xmlParserFailure, xmlSchemaInvalid, xmlMoreProblems, xmlUnknownRoot, xmlNoConsignments, xmlUnknownElement,
        xmlMisplacedField, xmlDuplicateField, xmlMisplacedText, xmlMissingReference, xmlDuplicateReference,
        spsNoteIgnored,
        xlsxUnreadable, xlsxTooLarge, xlsFormat, sheetChosen, emptyColumnsDropped, emptyRowsDropped, cccCodeReduced,
    ]
}
