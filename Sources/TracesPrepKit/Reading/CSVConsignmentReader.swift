/// Turns decoded CSV text into consignments: maps headers to fields, groups rows by
/// `certificate_reference`, fills blank consignment-level cells down and collects the
/// repeating document and container groups.
public struct CSVConsignmentReader {
    public var catalog: FieldCatalog

    public init(catalog: FieldCatalog) {
        self.catalog = catalog
    }

    public func read(_ decoded: consuming DecodedText) -> ConsignmentFile {
        var events: [StageEvent] = []
        if decoded.encoding != .utf8 && decoded.encoding != .utf8BOM {
            events.append(StageEvent(EventName.decodedFrom, details: ["encoding": decoded.encoding.rawValue]))
        }
        for failure in decoded.undecodable {
            events.append(StageEvent(
                EventName.undecodableBytes, location: SourceLocation(line: failure.line), value: failure.bytes,
                details: ["encoding": decoded.encoding.rawValue]))
        }

        let table = CSVParser.parse(decoded.text)
        // The records contain every cell, so the text is let go before they are grouped.
        decoded.text = ""
        var complete = true
        var strayQuotes: [(line: Int, cell: Int)] = []
        for problem in table.problems {
            switch problem {
            case .unclosedQuote(let line):
                complete = false
                events.append(StageEvent(EventName.unclosedQuote, location: SourceLocation(line: line)))
            case .strayQuote(let line, let cell):
                strayQuotes.append((line, cell))
            }
        }
        var file = ConsignmentFile(
            format: .csv, encoding: decoded.encoding, delimiter: String(UnicodeScalar(table.delimiter)),
            consignments: [], events: events, columns: [:], headers: [], records: [], complete: complete)

        guard let headerRecord = table.records.first else {
            for (line, _) in strayQuotes {
                file.events.append(StageEvent(EventName.strayQuote, location: SourceLocation(line: line)))
            }
            file.events.append(StageEvent(EventName.emptyFile))
            return file
        }
        file.headers = headerRecord.cells
        for (line, cell) in strayQuotes {
            // Name the column, so a clerk can find the cell whose quote is misplaced.
            let column = cell < headerRecord.cells.count ? headerRecord.cells[cell] : nil
            file.events.append(StageEvent(EventName.strayQuote, location: SourceLocation(line: line, column: column)))
        }
        file.records = Array(table.records.dropFirst())
        var header = headerRecord
        file.events += TrailingBlanks.trim(header: &header, records: &file.records)
        file.headers = header.cells
        let mapping = mapHeaders(header, into: &file)
        if file.records.isEmpty {
            file.events.append(StageEvent(EventName.noDataRows, location: SourceLocation(line: headerRecord.line)))
            return file
        }
        group(file.records, mapping: mapping, into: &file)
        return file
    }

    /// Resolves each header to a field; returns the field of each column (nil for ignored columns).
    func mapHeaders(_ header: CSVRecord, into file: inout ConsignmentFile) -> [FieldDefinition?] {
        var mapping: [FieldDefinition?] = []
        for (index, name) in header.cells.enumerated() {
            let location = SourceLocation(line: header.line, column: name)
            let trimmed = name.trimmingWhitespace()
            // An annotated copy sent back keeps TracesPrep's own findings column: not data.
            guard !trimmed.isEmpty, trimmed != AnnotatedCSV.findingsHeader else {
                mapping.append(nil)
                continue
            }
            guard let field = catalog.field(forHeader: trimmed) else {
                file.events.append(StageEvent(EventName.unknownHeader, location: location, value: name))
                mapping.append(nil)
                continue
            }
            if let earlier = file.columns[field.id] {
                file.events.append(StageEvent(
                    EventName.duplicateHeader, field: field.id, location: location, value: name,
                    details: ["other": earlier, "column_number": String(index + 1)]))
                mapping.append(nil)
                continue
            }
            file.columns[field.id] = name
            mapping.append(field)
        }
        return mapping
    }

    func group(_ records: [CSVRecord], mapping: [FieldDefinition?], into file: inout ConsignmentFile) {
        var order: [String] = []
        var byReference: [String: Consignment] = [:]
        var current: String?
        let headerCount = mapping.count
        // Per column, worked out once: the field, the slot of its level in `row` and its header.
        let levels = FieldLevel.allCases
        let columns: [(field: String, level: Int, header: String?)?] = mapping.map { field in
            field.map { ($0.id, levels.firstIndex(of: $0.level)!, file.columns[$0.id]) }
        }

        // Each level's values are stored with room for all its columns, so no array grows.
        let columnsPerLevel = levels.indices.map { level in columns.filter { $0?.level == level }.count }

        for (offset, record) in records.enumerated() {
            let rowLocation = SourceLocation(line: record.line, record: offset + 1)
            var row = columnsPerLevel.map { count in
                var values = FieldValues(location: rowLocation)
                values.reserveCapacity(count)
                return values
            }
            var reference = ""
            for (index, column) in columns.enumerated() {
                guard let column, index < record.cells.count else { continue }
                let raw = record.cells[index]
                if raw.isBlank { continue }
                if column.field == "certificate_reference" {
                    reference = raw.trimmingWhitespace()
                }
                var location = rowLocation
                location.column = column.header
                row[column.level][column.field] = FieldValue(raw: raw, location: location)
            }

            if reference.isEmpty {
                guard let previous = current else {
                    var location = rowLocation
                    location.column = file.columns["certificate_reference"]
                    file.events.append(StageEvent(EventName.missingReference, field: "certificate_reference", location: location))
                    continue
                }
                reference = previous
            }
            current = reference
            if record.cells.count > headerCount,
               record.cells[headerCount...].contains(where: { !$0.trimmingWhitespace().isEmpty })
            {
                file.events.append(StageEvent(
                    EventName.tooManyCells, consignment: reference, location: rowLocation,
                    details: ["count": String(record.cells.count), "expected": String(headerCount)]))
            }
            if byReference[reference] == nil {
                order.append(reference)
                byReference[reference] = Consignment(reference: reference, header: FieldValues(location: rowLocation))
            }
            merge(row, into: &byReference[reference]!, events: &file.events)
        }
        file.consignments = order.map { byReference[$0]! }
    }

    /// Adds one row's values to its consignment: consignment-level cells fill blanks and must agree,
    /// document and container cells form group entries (repeated identical entries count once),
    /// and line-level cells form a commodity line.
    /// `row` contains the row's values of each level, in the order of `FieldLevel.allCases`.
    private func merge(_ row: [FieldValues], into consignment: inout Consignment, events: inout [StageEvent]) {
        let (header, document, container, line) = (row[0], row[1], row[2], row[3])
        // The first row of a consignment gives its header as it is. Later rows list their fields
        // in the same order, so each is looked for at its own position first.
        let isFirstRow = consignment.header.isEmpty
        if isFirstRow {
            consignment.header = header
        }
        for (position, (id, value)) in header.pairs.enumerated() where !isFirstRow {
            guard let existing = consignment.header.value(of: id, near: position) else {
                consignment.header[id] = value
                continue
            }
            // Most rows repeat the value exactly, so the folded comparison runs only when they differ.
            if id != "certificate_reference" && existing.raw != value.raw
                && TextNormalization.key(existing.raw) != TextNormalization.key(value.raw)
            {
                events.append(StageEvent(
                    EventName.rowConflict, field: id, consignment: consignment.reference, location: value.location,
                    value: value.raw,
                    details: ["other_value": existing.raw, "other_line": String(existing.location.line ?? 0)]))
            }
        }
        if !document.isEmpty, !consignment.documents.contains(where: { Self.sameEntry($0, document) }) {
            consignment.documents.append(document)
        }
        if !container.isEmpty, !consignment.containers.contains(where: { Self.sameEntry($0, container) }) {
            consignment.containers.append(container)
        }
        if !line.isEmpty {
            consignment.lines.append(line)
        }
    }

    static func sameEntry(_ left: FieldValues, _ right: FieldValues) -> Bool {
        guard left.count == right.count else { return false }
        return left.pairs.allSatisfy { id, value in
            right[id].map { $0.raw == value.raw || TextNormalization.key($0.raw) == TextNormalization.key(value.raw) } ?? false
        }
    }
}
