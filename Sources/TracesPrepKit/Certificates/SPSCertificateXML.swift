import Foundation

/// A draft certificate as UN/CEFACT SPS Certificate XML (`rsm:SPSCertificate`), the message
/// format TRACES-NT exchanges certificates in, so an exporter or a system can compare it with
/// what was keyed in.
///
/// Element names and their order follow the sequences of the SPSCertificate schema types
/// (SPSExchangedDocumentType, SPSConsignmentType, SPSTradeLineItemType) in classes generated
/// from the UN/CEFACT schema with the RAM version 18 namespace. They were checked against a
/// CHED message that TRACES-NT returned with the RAM 21 namespaces this document uses.
///
/// NOTE: the schema requires `StatusCode`, `IssueDateTime` and `SignatorySPSAuthentication` in
/// `SPSExchangedDocument`. A draft leaves them out because only the competent authority sets them
/// when it issues the certificate, so the draft does not validate against the schema.
public enum SPSCertificateXML {
    static let certificateNamespace = "urn:un:unece:uncefact:data:standard:SPSCertificate:17"
    static let aggregateNamespace = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21"
    static let dataTypeNamespace = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21"

    /// UN/EDIFACT 1001 document name code 853, "Veterinary certificate".
    static let veterinaryCertificateTypeCode = "853"
    /// UN/EDIFACT 7075 packaging level code 4, "No packaging hierarchy", as TRACES-NT writes it.
    static let packagingLevelCode = "4"

    public static func document(for consignment: CheckedConsignment, in report: FileReport, library: RuleLibrary) -> String {
        let values = CertificateValues(checked: consignment, library: library)
        var writer = XMLWriter()
        writer.comment(
            "DRAFT made by \(ToolInfo.name) \(ToolInfo.version) from \(report.input.path), rule pack "
                + "\(report.packName) \(report.packVersion). Not a certificate: key the values into TRACES-NT.")
        writer.start("rsm:SPSCertificate", [
            ("xmlns:rsm", certificateNamespace), ("xmlns:ram", aggregateNamespace), ("xmlns:udt", dataTypeNamespace),
        ])
        writeExchangedDocument(values, report: report, to: &writer)
        writeConsignment(values, to: &writer)
        writer.end()
        return writer.document
    }

    // MARK: - SPSExchangedDocument

    private static func writeExchangedDocument(_ values: CertificateValues, report: FileReport, to writer: inout XMLWriter) {
        writer.start("rsm:SPSExchangedDocument")
        writer.element("ram:Name", values.checked.model?.name.en ?? "Health certificate", [("languageID", "en")])
        writer.element("ram:ID", values.reference)
        writer.element(
            "ram:Description",
            "Draft prepared by TracesPrep \(ToolInfo.version) from \(report.input.path). "
                + "It is not a certificate: key the values into TRACES-NT.",
            [("languageID", "en")])
        writer.element(
            "ram:Description",
            "TracesPrep \(ToolInfo.version) 依「\(report.input.path)」製作的草稿，不是證書。請將資料鍵入 TRACES-NT。",
            [("languageID", "zh-TW")])
        writer.element("ram:TypeCode", veterinaryCertificateTypeCode, [("name", "Veterinary certificate")])
        let notedFields = [
            "central_competent_authority", "local_competent_authority", "region_of_origin", "region_of_destination",
            "transport_conditions", "certified_as", "purpose", "certificate_model",
        ]
        for field in notedFields {
            guard let text = values.text(field) else { continue }
            // Authority codes such as BSMI-KH are TracesPrep's own, so the note gives the name.
            let content = values.authority(code: text)?.label.en ?? text
            writeNote("ram:IncludedSPSNote", subject: subject(of: field, values), content: content, to: &writer)
        }
        writer.end()
    }

    /// Returns a note's subject: the field's box and English label, such as "I.18 Transport conditions".
    private static func subject(of field: String, _ values: CertificateValues) -> String {
        let label = values.library.catalog[field]?.label.en ?? field
        guard let box = values.library.pack.boxes[field] else { return label }
        return "\(box) \(label)"
    }

    private static func writeNote(_ name: String, subject: String, content: String, to writer: inout XMLWriter) {
        writer.start(name)
        writer.element("ram:Subject", subject)
        writer.element("ram:Content", content)
        writer.end()
    }

    // MARK: - SPSConsignment

    private static func writeConsignment(_ values: CertificateValues, to writer: inout XMLWriter) {
        let header = values.header
        writer.start("rsm:SPSConsignment")
        if let departure = header["departure_datetime"]?.dateTime {
            writer.start("ram:ExportExitDateTime")
            writeDateTime(departure, to: &writer)
            writer.end()
        }
        // UN/EDIFACT 3035 party roles: EX exporter, CN consignee.
        writeParty("ram:ConsignorSPSParty", prefix: "consignor", roleCode: "EX", values, to: &writer)
        writeParty("ram:ConsigneeSPSParty", prefix: "consignee", roleCode: "CN", values, to: &writer)
        writeLocations(values, to: &writer)
        writePlace("ram:DespatchSPSParty", prefix: "place_of_dispatch", roleCode: nil, values, to: &writer)
        // DP delivery party: TRACES-NT names the place of destination this way.
        writePlace("ram:DeliverySPSParty", prefix: "place_of_destination", roleCode: "DP", values, to: &writer)
        // CB: TRACES-NT gives the party responsible for the consignment (I.6) this role.
        writeParty("ram:CustomsTransitAgentSPSParty", prefix: "responsible", roleCode: "CB", values, to: &writer)

        writeTransportMovement(values, to: &writer)
        for container in values.checked.consignment.containers {
            writeContainer(container, to: &writer)
        }

        writer.start("ram:IncludedSPSConsignmentItem")
        writeTotals(values, to: &writer)
        for (index, line) in values.checked.consignment.lines.enumerated() {
            writeTradeLine(line, sequence: index + 1, values, to: &writer)
        }
        writer.end()
        writer.end()
    }

    /// Writes the countries, the places of loading and entry, and the examination event, which
    /// come between the parties in the schema's sequence.
    private static func writeLocations(_ values: CertificateValues, to writer: inout XMLWriter) {
        writeCountry("ram:ExportSPSCountry", code: values.text("consignor_country"), values, to: &writer)
        if let place = values.text("place_of_loading") {
            writer.start("ram:LoadingBaseportSPSLocation")
            writer.optionalElement("ram:ID", isLocationCode(place) ? place : nil)
            writer.element("ram:Name", place)
            writer.end()
        }
        writeCountry("ram:ImportSPSCountry", code: values.text("country_of_destination"), values, to: &writer)
        if let bcp = values.text("entry_bcp") {
            writer.start("ram:UnloadingBaseportSPSLocation")
            writer.element("ram:ID", bcp)
            writer.optionalElement("ram:Name", values.entry(field: "entry_bcp", code: bcp)?.label.en)
            writer.end()
        }
        // Required by the schema. The TRACES-NT message this layout was checked against leaves the name empty.
        writer.start("ram:ExaminationSPSEvent")
        writer.start("ram:OccurrenceSPSLocation")
        writer.element("ram:Name", "")
        writer.end()
        writer.end()
    }

    /// Writes a date and time as `udt:DateTime`. A date alone becomes `udt:DateTimeString` in
    /// UN/EDIFACT 2379 format 102 (CCYYMMDD), so no time of day is invented.
    private static func writeDateTime(_ value: LocalDateTime, to writer: inout XMLWriter) {
        if value.hasTime {
            writer.element("udt:DateTime", value.iso8601)
        } else {
            let digits = value.iso8601.replacingOccurrences(of: "-", with: "")
            writer.element("udt:DateTimeString", digits, [("format", "102")])
        }
    }

    /// Writes a party from the fields `PREFIX_name`, `PREFIX_address` and `PREFIX_country`,
    /// or nothing when the file has none of them.
    private static func writeParty(
        _ element: String, prefix: String, roleCode: String, _ values: CertificateValues, to writer: inout XMLWriter
    ) {
        let name = values.text(prefix + "_name")
        let address = values.text(prefix + "_address")
        let country = values.text(prefix + "_country")
        guard name != nil || address != nil || country != nil else { return }
        writer.start(element)
        writer.element("ram:Name", name ?? "")
        writer.element("ram:RoleCode", roleCode)
        writeAddress(line: address, country: country, values, to: &writer)
        writer.end()
    }

    /// Writes a place of dispatch or destination: its name, approval number as the ID, and address.
    private static func writePlace(
        _ element: String, prefix: String, roleCode: String?, _ values: CertificateValues, to writer: inout XMLWriter
    ) {
        let name = values.text(prefix + "_name")
        let address = values.text(prefix + "_address")
        let approval = values.text(prefix + "_approval")
        guard name != nil || address != nil || approval != nil else { return }
        writer.start(element)
        writer.optionalElement("ram:ID", approval)
        writer.element("ram:Name", name ?? "")
        writer.optionalElement("ram:RoleCode", roleCode)
        writeAddress(line: address, country: nil, values, to: &writer)
        writer.end()
    }

    private static func writeAddress(line: String?, country: String?, _ values: CertificateValues, to writer: inout XMLWriter) {
        guard line != nil || country != nil else { return }
        writer.start("ram:SpecifiedSPSAddress")
        writer.optionalElement("ram:LineOne", line)
        writer.optionalElement("ram:CountryID", country)
        writer.optionalElement("ram:CountryName", country.flatMap { values.country($0)?.label.en }, [("languageID", "en")])
        writer.end()
    }

    /// Writes a country element. The schema requires export and import countries, so an unknown
    /// one gets an empty ID as in TRACES-NT messages.
    private static func writeCountry(_ element: String, code: String?, _ values: CertificateValues, to writer: inout XMLWriter) {
        writer.start(element)
        writer.element("ram:ID", code ?? "")
        writer.optionalElement("ram:Name", code.flatMap { values.country($0)?.label.en }, [("languageID", "en")])
        writer.end()
    }

    /// True for a UN/LOCODE: a 2-letter country code and a 3-character location (`TWKHH`).
    static func isLocationCode(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 5 else { return false }
        let isLetter: (Unicode.Scalar) -> Bool = { ("A"..."Z").contains($0) }
        return scalars[0..<2].allSatisfy(isLetter) && scalars[2...].allSatisfy { isLetter($0) || ("2"..."9").contains($0) }
    }

    private static func writeTransportMovement(_ values: CertificateValues, to writer: inout XMLWriter) {
        guard let mode = values.header["transport_mode"]?.code else { return }
        let identification = values.text("transport_identification")
        writer.start("ram:MainCarriageSPSTransportMovement")
        // Scheme names from TRACES-NT messages: the IMO number of a vessel, the flight number of an airplane.
        if mode == "1", let imo = values.text("imo_number") {
            writer.element("ram:ID", imo, [("schemeID", "ship_imo_number_before_bcp")])
        } else if mode == "4", let flight = identification {
            writer.element("ram:ID", flight, [("schemeID", "airplane_flight_number_before_bcp")])
        }
        // The normalised transport mode is already the UN/CEFACT Recommendation 19 code.
        writer.element("ram:ModeCode", mode)
        if let identification {
            writer.start("ram:UsedSPSTransportMeans")
            writer.element("ram:Name", identification)
            writer.end()
        }
        writer.end()
    }

    private static func writeContainer(_ container: NormalizedValues, to writer: inout XMLWriter) {
        guard let number = CertificateValues.text(of: container["container_number"]) else { return }
        writer.start("ram:UtilizedSPSTransportEquipment")
        writer.element("ram:ID", number, [("schemeID", "container_number")])
        if let seal = CertificateValues.text(of: container["seal_number"]) {
            writer.start("ram:AffixedSPSSeal")
            writer.element("ram:ID", seal, [("schemeID", "seal_number")])
            writer.end()
        }
        writer.end()
    }

    // MARK: - Trade line items

    /// Trade line 0 carries the consignment's totals (I.23, I.24), as TRACES-NT writes them,
    /// because the schema has no gross weight or package count on the consignment itself.
    private static func writeTotals(_ values: CertificateValues, to writer: inout XMLWriter) {
        writer.start("ram:IncludedSPSTradeLineItem")
        writer.element("ram:SequenceNumeric", "0")
        writer.element("ram:Description", "Consignment totals and summary", [("languageID", "en")])
        if let net = values.autofilled("total_net_weight") ?? CertificateValues.kilograms(values.header["total_net_weight"]) {
            writer.element("ram:NetWeightMeasure", net, [("unitCode", "KGM")])
        }
        if let gross = CertificateValues.kilograms(values.header["total_gross_weight"]) {
            writer.element("ram:GrossWeightMeasure", gross, [("unitCode", "KGM")])
        }
        if let packages = values.text("total_packages") {
            writer.start("ram:PhysicalSPSPackage")
            writer.element("ram:LevelCode", packagingLevelCode)
            // NA when the lines use different package types, as TRACES-NT writes it.
            writer.element("ram:TypeCode", values.commonPackageType ?? "NA")
            writer.element("ram:ItemQuantity", packages)
            writer.end()
        }
        writer.end()
    }

    private static func writeTradeLine(
        _ line: NormalizedValues, sequence: Int, _ values: CertificateValues, to writer: inout XMLWriter
    ) {
        let cnCode = line["cn_code"].flatMap { CNCode.usable($0.text) }
        let species = CertificateValues.text(of: line["species"])
        writer.start("ram:IncludedSPSTradeLineItem")
        writer.element("ram:SequenceNumeric", String(sequence))
        let description = cnCode.flatMap { values.hsDescription(cnCode: $0) } ?? species ?? cnCode ?? ""
        writer.element("ram:Description", description, [("languageID", "en")])
        writer.optionalElement("ram:ScientificName", species)
        writer.optionalElement("ram:ProductionBatchID", CertificateValues.text(of: line["batch_number"]))

        if let net = CertificateValues.kilograms(line["net_weight"]) {
            writer.element("ram:NetWeightMeasure", net, [("unitCode", "KGM")])
        }
        let notedFields = [
            "nature_of_commodity", "treatment_type", "manufacturing_plant", "cold_store", "final_consumer",
            "egg_content_percentage",
        ]
        for field in notedFields {
            guard let text = CertificateValues.text(of: line[field]) else { continue }
            let label = values.library.catalog[field]?.label.en ?? field
            writeNote("ram:AdditionalInformationSPSNote", subject: label, content: text, to: &writer)
        }

        writeClassifications(cnCode: cnCode, species: species, values, to: &writer)

        if let count = line["package_count"]?.integer {
            writer.start("ram:PhysicalSPSPackage")
            writer.element("ram:LevelCode", packagingLevelCode)
            writer.optionalElement("ram:TypeCode", line["package_type"]?.code)
            writer.element("ram:ItemQuantity", String(count))
            writer.end()
        }
        if let origin = originCountry(of: line, values) {
            writer.start("ram:OriginSPSCountry")
            writer.element("ram:ID", origin)
            writer.optionalElement("ram:Name", values.country(origin)?.label.en, [("languageID", "en")])
            writer.end()
        }
        writer.end()
    }

    /// Writes the line's CN code and species as `ram:ApplicableSPSClassification` elements.
    private static func writeClassifications(
        cnCode: String?, species: String?, _ values: CertificateValues, to writer: inout XMLWriter
    ) {
        if let cnCode {
            writer.start("ram:ApplicableSPSClassification")
            writer.element("ram:SystemID", "CN")
            writer.element("ram:SystemName", "CN Code (Combined Nomenclature)")
            writer.element("ram:ClassCode", cnCode)
            writer.optionalElement("ram:ClassName", values.hsDescription(cnCode: cnCode), [("languageID", "en")])
            writer.end()
        }
        if let species {
            // NOTE: the system identifier TRACES-NT expects for species was not confirmed; ASFIS
            // is the list the species are checked against.
            writer.start("ram:ApplicableSPSClassification")
            writer.element("ram:SystemID", "ASFIS")
            writer.element("ram:SystemName", "FAO ASFIS List of Species for Fishery Statistics Purposes")
            writer.optionalElement("ram:ClassCode", values.asfisCode(species: species))
            writer.element("ram:ClassName", species)
            writer.end()
        }
    }

    /// Returns the country of the line's manufacturing plant in the establishment list, else the
    /// consignment's country of origin.
    private static func originCountry(of line: NormalizedValues, _ values: CertificateValues) -> String? {
        if let plant = CertificateValues.text(of: line["manufacturing_plant"]),
           let establishment = values.library.establishments.establishment(approvalNumber: plant)
        {
            return establishment.country
        }
        return values.text("country_of_origin")
    }
}
