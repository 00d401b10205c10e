/// Reads a UN/CEFACT SPS certificate (`rsm:SPSCertificate`) back into one consignment: the
/// inverse of `SPSCertificateXML`, so a draft TracesPrep wrote, or a certificate shaped the same
/// way, goes through the same rules as a CSV file.
///
/// Elements are matched by namespace URI and local name, never by prefix. Only the elements the
/// drafts write are read; any other element is ignored. Values keep the element's line and path.
///
/// NOTE: the drafts do not carry accompanying documents (I.17), the arrival date, the flag state,
/// the voyage number or a declared country of origin, so those fields are never read from here.
struct SPSCertificateReader {
    static let rsm = SPSCertificateXML.certificateNamespace
    static let ram = SPSCertificateXML.aggregateNamespace
    static let udt = SPSCertificateXML.dataTypeNamespace
    /// The prefixes findings show, whatever prefixes the document chose.
    static let pathPrefixes = [rsm: "rsm", ram: "ram", udt: "udt"]

    var library: RuleLibrary

    struct Output {
        var consignment: Consignment?
        var events: [StageEvent] = []
    }

    static func isRoot(_ element: ParsedXMLElement) -> Bool {
        element.isNamed("SPSCertificate", in: rsm)
    }

    func read(_ root: ParsedXMLElement) -> Output {
        var reader = GroupReader(library: library)
        var header = FieldValues(location: root.location)
        var containers: [FieldValues] = []
        var lines: [FieldValues] = []

        for document in root.children("SPSExchangedDocument", in: Self.rsm) {
            reader.set("certificate_reference", document.children("ID", in: Self.ram), in: &header)
            for note in document.children("IncludedSPSNote", in: Self.ram) {
                reader.readNote(note, level: .consignment, in: &header)
            }
        }
        for consignment in root.children("SPSConsignment", in: Self.rsm) {
            readConsignment(consignment, reader: &reader, header: &header)
            for equipment in consignment.children("UtilizedSPSTransportEquipment", in: Self.ram) {
                var container = FieldValues(location: equipment.location)
                reader.set("container_number", equipment.children("ID", in: Self.ram), in: &container)
                let seals = equipment.children("AffixedSPSSeal", in: Self.ram)
                reader.set("seal_number", seals.flatMap { $0.children("ID", in: Self.ram) }, in: &container)
                containers.append(container)
            }
            for item in consignment.children("IncludedSPSConsignmentItem", in: Self.ram) {
                for tradeLine in item.children("IncludedSPSTradeLineItem", in: Self.ram) {
                    if tradeLine.child("SequenceNumeric", in: Self.ram)?.text.trimmingWhitespace() == "0" {
                        readTotals(tradeLine, reader: &reader, header: &header)
                    } else {
                        lines.append(readTradeLine(tradeLine, reader: &reader))
                    }
                }
            }
        }

        guard let reference = header.text("certificate_reference") else {
            let place = root.child("SPSExchangedDocument", in: Self.rsm) ?? root
            reader.events.append(StageEvent(
                EventName.xmlMissingReference, field: "certificate_reference", location: place.location))
            return Output(consignment: nil, events: reader.events)
        }
        var consignment = Consignment(reference: reference, header: header)
        consignment.containers = containers
        consignment.lines = lines
        let events = reader.events.map { event in
            var attached = event
            attached.consignment = reference
            return attached
        }
        return Output(consignment: consignment, events: events)
    }

    // MARK: - SPSConsignment

    private func readConsignment(_ element: ParsedXMLElement, reader: inout GroupReader, header: inout FieldValues) {
        let ram = Self.ram
        for exit in element.children("ExportExitDateTime", in: ram) {
            reader.set("departure_datetime", exit.children("DateTime", in: Self.udt), in: &header)
            for text in exit.children("DateTimeString", in: Self.udt) {
                reader.set("departure_datetime", [text], raw: Self.dateText(text), in: &header)
            }
        }

        readParty(element.children("ConsignorSPSParty", in: ram), prefix: "consignor", reader: &reader, header: &header)
        readParty(element.children("ConsigneeSPSParty", in: ram), prefix: "consignee", reader: &reader, header: &header)
        readParty(element.children("CustomsTransitAgentSPSParty", in: ram), prefix: "responsible", reader: &reader,
                  header: &header)
        // The drafts copy the consignor's country here; it only fills a gap.
        let exportCountries = element.children("ExportSPSCountry", in: ram).flatMap { $0.children("ID", in: ram) }
        reader.set("consignor_country", exportCountries, in: &header, onlyIfAbsent: true)

        let importCountries = element.children("ImportSPSCountry", in: ram).flatMap { $0.children("ID", in: ram) }
        reader.set("country_of_destination", importCountries, in: &header)
        for loading in element.children("LoadingBaseportSPSLocation", in: ram) {
            reader.set("place_of_loading", Self.idOrName(loading), in: &header)
        }
        for unloading in element.children("UnloadingBaseportSPSLocation", in: ram) {
            reader.set("entry_bcp", Self.idOrName(unloading), in: &header)
        }

        for despatch in element.children("DespatchSPSParty", in: ram) {
            reader.set("place_of_dispatch_approval", despatch.children("ID", in: ram), in: &header)
            reader.set("place_of_dispatch_name", despatch.children("Name", in: ram), in: &header)
            reader.set("place_of_dispatch_address", Self.addressLines(despatch), in: &header)
        }
        for delivery in element.children("DeliverySPSParty", in: ram) {
            reader.set("place_of_destination_name", delivery.children("Name", in: ram), in: &header)
            reader.set("place_of_destination_address", Self.addressLines(delivery), in: &header)
        }

        for movement in element.children("MainCarriageSPSTransportMovement", in: ram) {
            reader.set("transport_mode", movement.children("ModeCode", in: ram), in: &header)
            let means = movement.children("UsedSPSTransportMeans", in: ram).flatMap { $0.children("Name", in: ram) }
            reader.set("transport_identification", means, in: &header)
            // Scheme names from TRACES-NT messages, as SPSCertificateXML writes them.
            for id in movement.children("ID", in: ram) {
                switch id.attribute("schemeID") {
                case "ship_imo_number_before_bcp":
                    reader.set("imo_number", [id], in: &header)
                case "airplane_flight_number_before_bcp":
                    reader.set("transport_identification", [id], in: &header, onlyIfAbsent: true)
                default:
                    break
                }
            }
        }
    }

    /// Reads parties into `PREFIX_name`, `PREFIX_address` and `PREFIX_country`.
    private func readParty(
        _ parties: [ParsedXMLElement], prefix: String, reader: inout GroupReader, header: inout FieldValues
    ) {
        for party in parties {
            reader.set(prefix + "_name", party.children("Name", in: Self.ram), in: &header)
            reader.set(prefix + "_address", Self.addressLines(party), in: &header)
            let addresses = party.children("SpecifiedSPSAddress", in: Self.ram)
            reader.set(prefix + "_country", addresses.flatMap { $0.children("CountryID", in: Self.ram) }, in: &header)
        }
    }

    // MARK: - Trade line items

    /// Reads trade line 0, which carries the consignment's totals (I.23, I.24).
    private func readTotals(_ element: ParsedXMLElement, reader: inout GroupReader, header: inout FieldValues) {
        let ram = Self.ram
        for net in element.children("NetWeightMeasure", in: ram) {
            reader.set("total_net_weight", [net], raw: Self.weightText(net), in: &header)
        }
        for gross in element.children("GrossWeightMeasure", in: ram) {
            reader.set("total_gross_weight", [gross], raw: Self.weightText(gross), in: &header)
        }
        let packages = element.children("PhysicalSPSPackage", in: ram).flatMap { $0.children("ItemQuantity", in: ram) }
        reader.set("total_packages", packages, in: &header)
    }

    private func readTradeLine(_ element: ParsedXMLElement, reader: inout GroupReader) -> FieldValues {
        let ram = Self.ram
        var line = FieldValues(location: element.location)
        reader.set("species", element.children("ScientificName", in: ram), in: &line)
        reader.set("batch_number", element.children("ProductionBatchID", in: ram), in: &line)
        for net in element.children("NetWeightMeasure", in: ram) {
            reader.set("net_weight", [net], raw: Self.weightText(net), in: &line)
        }
        for note in element.children("AdditionalInformationSPSNote", in: ram) {
            reader.readNote(note, level: .line, in: &line)
        }
        for classification in element.children("ApplicableSPSClassification", in: ram) {
            switch classification.child("SystemID", in: ram)?.text.trimmingWhitespace() {
            case "CN":
                reader.set("cn_code", classification.children("ClassCode", in: ram), in: &line)
            case "ASFIS":
                // The scientific name is read from ram:ScientificName first.
                reader.set("species", classification.children("ClassName", in: ram), in: &line, onlyIfAbsent: true)
            default:
                break
            }
        }
        for package in element.children("PhysicalSPSPackage", in: ram) {
            reader.set("package_count", package.children("ItemQuantity", in: ram), in: &line)
            reader.set("package_type", package.children("TypeCode", in: ram), in: &line)
        }
        return line
    }

    // MARK: - Values

    private static func idOrName(_ location: ParsedXMLElement) -> [ParsedXMLElement] {
        let ids = location.children("ID", in: ram).filter { !$0.text.trimmingWhitespace().isEmpty }
        return ids.isEmpty ? location.children("Name", in: ram) : ids
    }

    private static func addressLines(_ party: ParsedXMLElement) -> [ParsedXMLElement] {
        party.children("SpecifiedSPSAddress", in: ram).flatMap { $0.children("LineOne", in: ram) }
    }

    /// Returns a measure's text with its UN/ECE Recommendation 20 unit as the weight fields
    /// write units: KGM (or no unit) as a bare number of kilograms, GRM as g, TNE as t. Any other
    /// unit code is kept after the number, so the weight check reports it.
    static func weightText(_ measure: ParsedXMLElement) -> String {
        let number = measure.text.trimmingWhitespace()
        switch measure.attribute("unitCode")?.trimmingWhitespace().uppercased() {
        case nil, "", "KGM": return number
        case "GRM": return number + " g"
        case "TNE": return number + " t"
        case let other?: return number + " " + other
        }
    }

    /// Returns a `udt:DateTimeString` as the date fields read it: format 102 (CCYYMMDD) as
    /// YYYY-MM-DD, any other text as written.
    static func dateText(_ element: ParsedXMLElement) -> String {
        let text = element.text.trimmingWhitespace()
        let digits = Array(text)
        guard element.attribute("format") == "102", digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return text
        }
        return String(digits[0..<4]) + "-" + String(digits[4..<6]) + "-" + String(digits[6..<8])
    }
}

/// Sets field values from SPS elements and records duplicates and unread notes as events.
private struct GroupReader {
    var library: RuleLibrary
    var events: [StageEvent] = []

    /// Sets `field` from the first non-blank element; any further non-blank element, or one
    /// when the group already has the field, is a duplicate. With `onlyIfAbsent`, a value the
    /// group already has wins silently.
    mutating func set(
        _ field: String, _ elements: [ParsedXMLElement], raw: String? = nil, in group: inout FieldValues,
        onlyIfAbsent: Bool = false
    ) {
        for element in elements {
            let text = raw ?? element.text
            if text.trimmingWhitespace().isEmpty { continue }
            if let existing = group[field] {
                if onlyIfAbsent { return }
                events.append(StageEvent(
                    EventName.xmlDuplicateField, field: field, location: element.location, value: text,
                    details: ["other_line": String(existing.location.line ?? 0), "parent": parentName(of: element)]))
                continue
            }
            group[field] = FieldValue(raw: text, location: element.location)
        }
    }

    /// Reads a note whose subject is a field's English label, optionally after its box
    /// ("I.18 Transport conditions"). Authority names become TracesPrep's authority codes.
    mutating func readNote(_ note: ParsedXMLElement, level: FieldLevel, in group: inout FieldValues) {
        let ram = SPSCertificateReader.ram
        let subject = note.child("Subject", in: ram)?.text.trimmingWhitespace() ?? ""
        guard let field = field(forSubject: subject, level: level) else {
            events.append(StageEvent(EventName.spsNoteIgnored, location: note.location, value: subject))
            return
        }
        for content in note.children("Content", in: ram) {
            let text = content.text.trimmingWhitespace()
            let raw = authorityCode(named: text, field: field.id) ?? content.text
            set(field.id, [content], raw: raw, in: &group)
        }
    }

    private func field(forSubject subject: String, level: FieldLevel) -> FieldDefinition? {
        let key = TextNormalization.key(subject)
        return library.catalog.fields.first { field in
            guard field.level == level else { return false }
            if TextNormalization.key(field.label.en) == key { return true }
            guard let box = library.pack.boxes[field.id] else { return false }
            return TextNormalization.key("\(box) \(field.label.en)") == key
        }
    }

    /// Returns the TracesPrep code of an authority named in English, because the drafts print
    /// the name while TracesPrep fills in the code.
    private func authorityCode(named name: String, field: String) -> String? {
        let key = TextNormalization.key(name)
        let table = library.authorities
        switch field {
        case "central_competent_authority":
            return TextNormalization.key(table.central.label.en) == key ? table.central.code : nil
        case "local_competent_authority":
            return table.local.first { TextNormalization.key($0.authority.label.en) == key }?.authority.code
        default:
            return nil
        }
    }

    /// Returns the local name of the element that contains this one, from its path.
    private func parentName(of element: ParsedXMLElement) -> String {
        let segments = element.path.split(separator: "/")
        guard segments.count >= 2 else { return "" }
        let segment = segments[segments.count - 2]
        let name = segment.split(separator: ":").last.map(String.init) ?? String(segment)
        return name.split(separator: "[").first.map(String.init) ?? name
    }
}
