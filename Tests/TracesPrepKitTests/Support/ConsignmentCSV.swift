import Foundation

/// A consignment CSV built in code: the columns, their headers as written, and rows of cells keyed
/// by field id. Cell values may carry `⟦rule-id⟧` marks (see `MarkedText`).
struct ConsignmentCSV {
    struct Column {
        var id: String
        var header: String
    }

    var columns: [Column]
    var rows: [[String: String]]

    /// One consignment with one line of frozen tilapia fillets, shipped by vessel from Kaohsiung to
    /// Rotterdam. Every rule of the bsmi-2020 pack passes on it.
    static let validTilapia: [(String, String)] = [
        ("certificate_reference", "KH-2026-0001"),
        ("consignor_name", "福爾摩沙水產股份有限公司 Formosa Aquatic Products Co., Ltd."),
        ("consignor_address", "No. 88, Yugang 1st Rd., Qianzhen Dist., Kaohsiung City 806"),
        ("consignor_country", "TW"),
        ("consignee_name", "Noordkaap Seafood Trading B.V."),
        ("consignee_address", "Kadeweg 12, 3089 JJ Rotterdam"),
        ("consignee_country", "NL"),
        ("country_of_origin", "TW"),
        ("country_of_destination", "NL"),
        ("place_of_dispatch_name", "Formosa Aquatic Products Co., Ltd. Qianzhen plant"),
        ("place_of_loading", "TWKHH"),
        ("departure_datetime", "2026/12/10 18:00"),
        ("arrival_date", "2027/01/14"),
        ("transport_mode", "Vessel"),
        ("transport_identification", "FORMOSA STAR"),
        ("imo_number", "IMO9074729"),
        ("voyage_number", "061W"),
        ("entry_bcp", "NLRTM1"),
        ("transport_conditions", "Frozen"),
        ("certified_as", "Human consumption"),
        ("purpose", "internal market"),
        ("total_gross_weight", "6500"),
        ("container_number", "EMCU3811879"),
        ("seal_number", "TW0458812"),
        ("document_type", ""),
        ("document_number", ""),
        ("document_file", ""),
        ("cn_code", "03046100"),
        ("species", "Oreochromis niloticus"),
        ("nature_of_commodity", "Farmed stock"),
        ("treatment_type", "Frozen"),
        ("manufacturing_plant", "SAMPLE-001"),
        ("package_count", "600"),
        ("package_type", "CT"),
        ("net_weight", "6000"),
        ("batch_number", "TL261201"),
    ]

    /// Builds the valid tilapia consignment with each header written as its field id.
    static func valid() -> ConsignmentCSV {
        ConsignmentCSV(
            columns: validTilapia.map { Column(id: $0.0, header: $0.0) },
            rows: [Dictionary(uniqueKeysWithValues: validTilapia)])
    }

    /// The commodity-line cells of a second line of the valid consignment: frozen whiteleg shrimp.
    static let shrimpLine: [String: String] = [
        "certificate_reference": "KH-2026-0001", "cn_code": "03061792", "species": "Penaeus vannamei",
        "nature_of_commodity": "Farmed stock", "treatment_type": "Frozen", "manufacturing_plant": "SAMPLE-001",
        "package_count": "400", "package_type": "CT", "net_weight": "4000", "batch_number": "SH261202",
    ]

    /// Changes the header written for field `id`. Cells stay keyed by the field id.
    mutating func rename(_ id: String, to header: String) {
        guard let index = columns.firstIndex(where: { $0.id == id }) else { return }
        columns[index].header = header
    }

    /// Adds a column (header `header`, by default the id) with `value` in every existing row.
    mutating func addColumn(_ id: String, header: String? = nil, value: String = "") {
        columns.append(Column(id: id, header: header ?? id))
        for index in rows.indices { rows[index][id] = value }
    }

    mutating func removeColumn(_ id: String) {
        columns.removeAll { $0.id == id }
        for index in rows.indices { rows[index][id] = nil }
    }

    /// Renders the CSV text with its marks still in it. Cells containing the delimiter, a quote or
    /// a line end are quoted, with inner quotes doubled.
    func text(delimiter: String = ",", lineEnd: String = "\n") -> String {
        var lines = [columns.map { quoted($0.header, delimiter) }.joined(separator: delimiter)]
        for row in rows {
            lines.append(columns.map { quoted(row[$0.id] ?? "", delimiter) }.joined(separator: delimiter))
        }
        return lines.joined(separator: lineEnd) + lineEnd
    }

    /// Renders the CSV and reads its marks.
    func marked(delimiter: String = ",", lineEnd: String = "\n") -> MarkedText {
        MarkedText(text(delimiter: delimiter, lineEnd: lineEnd), delimiter: delimiter.unicodeScalars.first!)
    }

    private func quoted(_ cell: String, _ delimiter: String) -> String {
        guard cell.contains(delimiter) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r") else {
            return cell
        }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
