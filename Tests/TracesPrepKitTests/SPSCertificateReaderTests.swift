import Foundation
import Testing
@testable import TracesPrepKit

/// SPS certificates as input: drafts read back, prefixes that must not matter, and the details
/// of mapping elements back to fields.
@Suite("Reading SPS certificates")
struct SPSCertificateReaderTests {
    static let examples = rulesFolder.deletingLastPathComponent().appendingPathComponent("Examples")

    /// Returns the draft of every accepted consignment of an example CSV file, with its checked result.
    static func drafts(of csvName: String) throws -> [(checked: CheckedConsignment, fileFindings: [Finding], xml: String)] {
        let library = try loadedLibrary()
        let report = try FileValidator(library: library).validate(examples.appendingPathComponent(csvName))
        let fileFindings = report.checked.findings.filter { $0.consignment == nil }
        return report.checked.consignments.filter { $0.verdict == .accepted }.map { checked in
            (checked, fileFindings, SPSCertificateXML.document(for: checked, in: report, library: library))
        }
    }

    /// Rule id and field of each error and warning: what must not appear after a round trip.
    static func problemKeys(_ findings: [Finding]) -> Set<String> {
        Set(findings.filter { $0.severity != .info }.map { "\($0.rule) \($0.field ?? "-")" })
    }

    /// Everything a finding reports except its message, for comparing two readings of one certificate.
    static func describe(_ findings: [Finding]) -> [String] {
        findings.map { finding in
            [finding.rule, finding.kind.rawValue, finding.severity.rawValue, finding.field ?? "-", finding.box ?? "-",
             finding.consignment ?? "-", finding.location.line.map(String.init) ?? "-", finding.location.column ?? "-",
             finding.value ?? "-", finding.expected ?? "-"].joined(separator: " | ")
        }
    }

    static func tilapiaDraft() throws -> String {
        try #require(try drafts(of: "tilapia-fishery.csv").first).xml
    }

    // MARK: - Round trip

    /// Every accepted consignment of the example CSV files, written as a draft and read back,
    /// must have no error or warning that the CSV file did not have. Rule ids and fields are
    /// compared, not lines or columns, because the two files place values differently. Info
    /// findings are left out, because they describe how values were rewritten: the CSV files
    /// contain values such as `116/01/15 18:00` or `臺灣`, while a draft contains their normalised form.
    /// Fewer findings are allowed: a draft carries no accompanying documents and names its model,
    /// so attachment findings and the model-choice warning cannot come back.
    @Test("example drafts read back cleanly")
    func exampleRoundTrip() throws {
        let csvFiles = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path)
            .filter { $0.hasSuffix(".csv") }.sorted()
        var roundTrips = 0
        for csvName in csvFiles {
            for draft in try Self.drafts(of: csvName) {
                let reference = draft.checked.consignment.reference
                let report = try validateXML(draft.xml, named: "\(reference).sps.xml")

                let before = Self.problemKeys(draft.checked.findings + draft.fileFindings)
                let after = Self.problemKeys(report.checked.findings)
                #expect(after.subtracting(before).isEmpty, "\(csvName) \(reference): new findings \(after.subtracting(before))")
                #expect(report.checked.verdict == .accepted, "\(csvName) \(reference)")
                #expect(report.checked.consignments.map(\.consignment.reference) == [reference])
                #expect(!report.checked.findings.contains { $0.rule == "sps-note-ignored" }, "\(csvName) \(reference)")

                // Drafts do not carry the arrival date, so no transport duration can be computed.
                var expected = Dictionary(draft.checked.autofilled.map { ($0.field, $0.value) }, uniquingKeysWith: { a, _ in a })
                expected["transport_duration"] = nil
                #expect(report.autofilled(reference) == expected, "\(csvName) \(reference)")
                roundTrips += 1
            }
        }
        // tilapia, composite, cp950 and the two certificates of two-consignments.
        #expect(roundTrips == 5)
    }

    @Test("draft values map back to fields")
    func draftValues() throws {
        let report = try validateXML(try Self.tilapiaDraft(), named: "draft.xml")

        let consignment = try #require(report.checked.consignments.first?.consignment)
        let header = consignment.header
        #expect(consignment.reference == "KH-2027-0101")
        #expect(header["consignor_name"]?.text == "Formosa Aquatic Products Co., Ltd.")
        #expect(header["consignee_country"]?.text == "NL")
        #expect(header["departure_datetime"]?.source.raw == "2027-01-15T18:00:00+08:00")
        #expect(header["transport_mode"]?.code == "1")
        #expect(header["imo_number"]?.text == "IMO9074729")
        #expect(header["local_competent_authority"]?.source.raw == "BSMI-KH")
        #expect(header["total_gross_weight"]?.text == "6480")
        #expect(consignment.containers.map { $0["container_number"]?.text } == ["EMCU3811879", "CSQU3054383"])
        #expect(consignment.lines.map { $0["cn_code"]?.text } == ["03046100"])
        #expect(consignment.lines.first?["species"]?.text == "Oreochromis spp.")
        #expect(consignment.lines.first?["treatment_type"]?.code == "Frozen")
        #expect(header["consignor_name"]?.source.location.column
            == "/rsm:SPSCertificate/rsm:SPSConsignment[1]/ram:ConsignorSPSParty[1]/ram:Name")
    }

    // MARK: - Namespaces

    /// Returns the tilapia draft with one container's check digit wrong, so the readings have a finding to compare.
    static func draftWithError() throws -> String {
        try tilapiaDraft().replacingOccurrences(of: ">EMCU3811879<", with: ">EMCU3811878<")
    }

    /// Rewrites the draft's prefixes: `rsm`, `ram` and `udt` become the given ones, and an empty
    /// prefix makes that namespace the default namespace.
    static func renamingPrefixes(_ xml: String, _ prefixes: [String: String]) -> String {
        var text = xml
        for (old, new) in prefixes {
            text = text.replacingOccurrences(of: "xmlns:\(old)=", with: new.isEmpty ? "xmlns=" : "xmlns:\(new)=")
            text = text.replacingOccurrences(of: "<\(old):", with: new.isEmpty ? "<" : "<\(new):")
            text = text.replacingOccurrences(of: "</\(old):", with: new.isEmpty ? "</" : "</\(new):")
        }
        return text
    }

    @Test("prefix choice does not change findings")
    func prefixVariants() throws {
        let original = try Self.draftWithError()
        let variants = [
            "renamed": Self.renamingPrefixes(original, ["rsm": "cert", "ram": "a", "udt": "d"]),
            "rsm as default": Self.renamingPrefixes(original, ["rsm": ""]),
            "ram as default": Self.renamingPrefixes(original, ["ram": ""]),
        ]
        let expected = Self.describe(try validateXML(original, named: "draft.xml").checked.findings)
        #expect(expected.contains { $0.hasPrefix("container-number-check-digit") })
        #expect(expected.contains { $0.contains("/rsm:SPSCertificate/rsm:SPSConsignment[1]/ram:UtilizedSPSTransportEquipment[1]/ram:ID") })

        for (name, xml) in variants {
            #expect(xml != original, "\(name)")
            let findings = Self.describe(try validateXML(xml, named: "draft.xml").checked.findings)
            #expect(findings == expected, "\(name)")
        }
    }

    @Test("prefixes redeclared on inner elements")
    func redeclaredPrefixes() throws {
        let original = try Self.draftWithError()
        // The consignment declares its own prefix for the aggregate namespace.
        let xml = original
            .replacingOccurrences(of: "<rsm:SPSConsignment>", with: "<rsm:SPSConsignment xmlns:agg=\"\(SPSCertificateReader.ram)\">")
        let inner = xml.components(separatedBy: "<rsm:SPSConsignment")
        let rewritten = inner[0] + "<rsm:SPSConsignment" + inner[1]
            .replacingOccurrences(of: "<ram:", with: "<agg:").replacingOccurrences(of: "</ram:", with: "</agg:")

        let findings = Self.describe(try validateXML(rewritten, named: "draft.xml").checked.findings)

        #expect(findings == Self.describe(try validateXML(original, named: "draft.xml").checked.findings))
    }

    @Test("same prefixes with other URIs are not read")
    func prefixesAreNotEnough() throws {
        let xml = try Self.tilapiaDraft().replacingOccurrences(
            of: "ReusableAggregateBusinessInformationEntity:21", with: "ReusableAggregateBusinessInformationEntity:99")

        let report = try validateXML(xml, named: "draft.xml")

        // Without the aggregate namespace no ram:ID is found, so there is no certificate reference.
        #expect(report.checked.findings.map(\.rule) == ["xml-certificate-reference-missing"])
        #expect(report.checked.consignments.isEmpty)
    }

    @Test("other root namespace is unknown")
    func otherRootNamespace() throws {
        let xml = try Self.tilapiaDraft().replacingOccurrences(
            of: "urn:un:unece:uncefact:data:standard:SPSCertificate:17", with: "urn:example:SPSCertificate")

        let report = try validateXML(xml, named: "draft.xml")

        #expect(report.checked.findings.map(\.rule) == ["xml-unknown-root"])
        #expect(report.checked.findings.first?.value == "{urn:example:SPSCertificate}SPSCertificate")
    }

    // MARK: - Mapping details

    @Test("measure units and date strings")
    func unitsAndDates() throws {
        let xml = try Self.tilapiaDraft()
            .replacingOccurrences(
                of: "<ram:NetWeightMeasure unitCode=\"KGM\">6000</ram:NetWeightMeasure>\n        <ram:AdditionalInformationSPSNote>",
                with: "<ram:NetWeightMeasure unitCode=\"TNE\">6</ram:NetWeightMeasure>\n        <ram:AdditionalInformationSPSNote>")
            .replacingOccurrences(
                of: "<udt:DateTime>2027-01-15T18:00:00+08:00</udt:DateTime>",
                with: "<udt:DateTimeString format=\"102\">20270115</udt:DateTimeString>")

        let report = try validateXML(xml, named: "draft.xml")

        let consignment = try #require(report.checked.consignments.first?.consignment)
        #expect(consignment.lines.first?["net_weight"]?.source.raw == "6 t")
        #expect(consignment.lines.first?["net_weight"]?.decimal == 6000)
        #expect(consignment.header["departure_datetime"]?.source.raw == "2027-01-15")
        #expect(!report.checked.findings.contains { $0.severity == .error })
    }

    @Test("unknown note is ignored with info")
    func unknownNote() throws {
        let note = "<ram:IncludedSPSNote><ram:Subject>I.99 Colour of the boxes</ram:Subject><ram:Content>blue</ram:Content></ram:IncludedSPSNote>"
        let xml = try Self.tilapiaDraft().replacingOccurrences(of: "<ram:TypeCode name=", with: note + "\n    <ram:TypeCode name=")

        let report = try validateXML(xml, named: "draft.xml")

        let finding = try #require(report.checked.findings.first { $0.rule == "sps-note-ignored" })
        #expect(finding.kind == .structure)
        #expect(finding.severity == .info)
        #expect(finding.value == "I.99 Colour of the boxes")
        #expect(finding.location.column == "/rsm:SPSCertificate/rsm:SPSExchangedDocument[1]/ram:IncludedSPSNote[1]")
        #expect(report.checked.verdict == .accepted)
    }

    @Test("second consignor name is a duplicate")
    func duplicateElement() throws {
        let xml = try Self.tilapiaDraft().replacingOccurrences(
            of: "<ram:Name>Formosa Aquatic Products Co., Ltd.</ram:Name>",
            with: "<ram:Name>Formosa Aquatic Products Co., Ltd.</ram:Name><ram:Name>Other Co.</ram:Name>")

        let report = try validateXML(xml, named: "draft.xml")

        let finding = try #require(report.checked.findings.first { $0.rule == "xml-duplicate-field" })
        #expect(finding.field == "consignor_name")
        #expect(finding.value == "Other Co.")
        #expect(finding.location.column == "/rsm:SPSCertificate/rsm:SPSConsignment[1]/ram:ConsignorSPSParty[1]/ram:Name[2]")
        #expect(report.checked.consignments.first?.consignment.header["consignor_name"]?.text == "Formosa Aquatic Products Co., Ltd.")
    }
}
