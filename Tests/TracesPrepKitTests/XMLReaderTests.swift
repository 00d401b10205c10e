import Foundation
import Testing
import TracesPrepKit

/// TracesPrep's consignment XML through the whole pipeline: values, element paths and the
/// structure findings of the reader and the schema.
@Suite("Reading consignment XML")
struct XMLReaderTests {
    static let examples = rulesFolder.deletingLastPathComponent().appendingPathComponent("Examples")

    /// The attributes two reports of the same data must share, in file order.
    static func outcome(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.rule) \($0.kind.rawValue) \($0.severity.rawValue) \($0.field ?? "-")" }
    }

    // MARK: - Values

    @Test("tilapia example matches its CSV")
    func tilapiaExampleMatchesCSV() throws {
        let library = try loadedLibrary()
        let validator = FileValidator(library: library)
        let xml = try validator.validate(Self.examples.appendingPathComponent("tilapia-fishery.xml"))
        let csv = try validator.validate(Self.examples.appendingPathComponent("tilapia-fishery.csv"))

        #expect(xml.input.format == .xml)
        #expect(xml.checked.file.encoding == .utf8)
        #expect(xml.checked.verdict == csv.checked.verdict)
        #expect(Self.outcome(xml.checked.findings) == Self.outcome(csv.checked.findings))
        #expect(xml.autofilled("KH-2027-0101") == csv.autofilled("KH-2027-0101"))
        let consignment = try #require(xml.checked.consignments.first?.consignment)
        #expect(consignment.containers.count == 2)
        #expect(consignment.documents.count == 1)
        #expect(consignment.lines.count == 1)
    }

    @Test("valid consignment has no findings")
    func validConsignment() throws {
        let report = try validateXML(try ConsignmentXML.valid())

        expectFindings(report.checked.findings, [])
        #expect(report.checked.verdict == .accepted)
        let header = try #require(report.checked.consignments.first?.consignment.header)
        #expect(header["consignor_name"]?.source.raw == "福爾摩沙水產股份有限公司 Formosa Aquatic Products Co., Ltd.")
    }

    @Test("value finding names element path")
    func valueFindingPath() throws {
        let second = ConsignmentXML.validChanging("certificate_reference", to: "KH-2026-0002")
            .map { $0.0 == "cn_code" ? ($0.0, "03040600") : $0 }
        let text = try ConsignmentXML.document([ConsignmentCSV.validTilapia, second])

        let report = try validateXML(text)

        let finding = try #require(report.checked.findings.first { $0.rule == "cn-code-unknown" })
        #expect(finding.location.column == "/consignments/consignment[2]/line[1]/cn_code")
        #expect(finding.location.line == lineNumber(of: "<cn_code>03040600", in: text))
        #expect(finding.location.record == nil)
        #expect(finding.consignment == "KH-2026-0002")
        #expect(report.checked.consignments.map(\.verdict) == [.accepted, .rejected])
    }

    @Test("missing field points at its group")
    func missingFieldPointsAtGroup() throws {
        let text = try ConsignmentXML.document([ConsignmentXML.validChanging("consignee_name", to: "")])

        let report = try validateXML(text)

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "mandatory-consignment", kind: .missing, severity: .error, box: "I.5",
                line: lineNumber(of: "<consignment>", in: text), column: "/consignments/consignment[1]"),
        ])
    }

    @Test("blank element counts as absent")
    func blankElementIsAbsent() throws {
        let text = try ConsignmentXML.valid().replacingOccurrences(
            of: "<consignee_name>Noordkaap Seafood Trading B.V.</consignee_name>", with: "<consignee_name>  </consignee_name>")

        let report = try validateXML(text)

        #expect(report.checked.findings.map(\.rule) == ["mandatory-consignment"])
        #expect(report.checked.findings.first?.field == "consignee_name")
    }

    @Test("several lines keep their order")
    func severalLines() throws {
        let text = try ConsignmentXML.valid(insert: [
            "    <line>", "      <cn_code>03061792</cn_code>", "      <species>Penaeus vannamei</species>",
            "      <nature_of_commodity>Farmed stock</nature_of_commodity>", "      <treatment_type>Frozen</treatment_type>",
            "      <manufacturing_plant>SAMPLE-001</manufacturing_plant>", "      <package_count>400</package_count>",
            "      <package_type>CT</package_type>", "      <net_weight>4000</net_weight>", "    </line>",
        ]).replacingOccurrences(of: "<total_gross_weight>6500", with: "<total_gross_weight>10800")

        let report = try validateXML(text)

        expectFindings(report.checked.findings, [])
        let lines = try #require(report.checked.consignments.first?.consignment.lines)
        #expect(lines.map { $0["cn_code"]?.text } == ["03046100", "03061792"])
        #expect(lines.map { $0["cn_code"]?.source.location.column } == [
            "/consignments/consignment[1]/line[1]/cn_code", "/consignments/consignment[1]/line[2]/cn_code",
        ])
        #expect(report.autofilled("KH-2026-0001")["total_packages"] == "1000")
    }

    // MARK: - Structure

    @Test("unknown element is one finding")
    func unknownElement() throws {
        let text = try ConsignmentXML.valid(insert: ["    <colour>blue</colour>"])

        let report = try validateXML(text)

        // The schema reports the same element; only the reader's finding, in both languages, is kept.
        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-unknown-element", kind: .structure, severity: .error, box: nil,
                line: lineNumber(of: "<colour>", in: text), column: "/consignments/consignment[1]/colour", value: "colour"),
        ])
        #expect(report.checked.findings.first?.consignment == "KH-2026-0001")
        #expect(report.checked.verdict == .rejected)
    }

    @Test("field in wrong group is not used")
    func misplacedField() throws {
        let text = try ConsignmentXML.valid(insert: ["    <seal_number>TW0000001</seal_number>"])

        let report = try validateXML(text)

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-misplaced-field", kind: .structure, severity: .error, box: "I.19",
                line: lineNumber(of: "TW0000001", in: text), column: "/consignments/consignment[1]/seal_number",
                value: "seal_number"),
        ])
        let containers = try #require(report.checked.consignments.first?.consignment.containers)
        #expect(containers.map { $0["seal_number"]?.text } == ["TW0458812"])
    }

    @Test("repeated field keeps the first")
    func duplicateField() throws {
        let text = try ConsignmentXML.valid(insert: ["    <consignee_name>Other B.V.</consignee_name>"])

        let report = try validateXML(text)

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-duplicate-field", kind: .structure, severity: .error, box: "I.5",
                line: lineNumber(of: "Other B.V.", in: text), column: "/consignments/consignment[1]/consignee_name[2]",
                value: "Other B.V."),
        ])
        let header = try #require(report.checked.consignments.first?.consignment.header)
        #expect(header["consignee_name"]?.text == "Noordkaap Seafood Trading B.V.")
    }

    @Test("text outside fields is reported")
    func misplacedText() throws {
        let text = try ConsignmentXML.valid(insert: ["    stray words"])

        let report = try validateXML(text)

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-misplaced-text", kind: .structure, severity: .error, box: nil,
                line: lineNumber(of: "stray words", in: text), column: "/consignments/consignment[1]", value: "stray words"),
        ])
    }

    @Test("attribute fails the schema")
    func attributeFailsSchema() throws {
        let text = try ConsignmentXML.valid().replacingOccurrences(of: "<line>", with: "<line number=\"1\">")

        let report = try validateXML(text)

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-schema-invalid", kind: .structure, severity: .error, box: nil,
                line: lineNumber(of: "<line number", in: text), column: "/consignments/consignment[1]/line[1]"),
        ])
        let finding = try #require(report.checked.findings.first)
        #expect(finding.consignment == "KH-2026-0001")
        #expect(finding.message.en.contains("The attribute 'number' is not allowed"))
        #expect(finding.message.zhTW.contains("Rules/xml/consignments.xsd"))
    }

    @Test("consignment without reference is skipped")
    func missingReference() throws {
        let text = try ConsignmentXML.document([ConsignmentXML.validChanging("certificate_reference", to: "")])

        let report = try validateXML(text)

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-certificate-reference-missing", kind: .missing, severity: .error, box: "I.2",
                line: lineNumber(of: "<consignment>", in: text), column: "/consignments/consignment[1]"),
        ])
        #expect(report.checked.consignments.isEmpty)
        #expect(report.checked.verdict == .rejected)
    }

    @Test("repeated reference is skipped")
    func duplicateReference() throws {
        let text = try ConsignmentXML.document([ConsignmentCSV.validTilapia, ConsignmentCSV.validTilapia])

        let report = try validateXML(text)

        let secondLine = text.components(separatedBy: "\n").enumerated()
            .filter { $0.element.contains("<consignment>") }.map { $0.offset + 1 }.last
        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-duplicate-reference", kind: .structure, severity: .error, box: "I.2", line: secondLine,
                column: "/consignments/consignment[2]", value: "KH-2026-0001"),
        ])
        #expect(report.checked.consignments.count == 1)
    }

    @Test("empty consignments root")
    func noConsignments() throws {
        let report = try validateXML("<?xml version=\"1.0\"?>\n<consignments>\n</consignments>\n")

        // The schema's "missing child element" error on the root repeats this finding.
        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "xml-no-consignments", kind: .structure, severity: .error, box: nil, line: 2, column: "/consignments"),
        ])
        #expect(report.checked.verdict == .rejected)
    }

    @Test("unknown root element")
    func unknownRoot() throws {
        let report = try validateXML("<?xml version=\"1.0\"?>\n<shipments><shipment/></shipments>\n")

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-unknown-root", kind: .structure, severity: .error, box: nil, line: 2, column: "/shipments",
                value: "shipments"),
        ])
    }

    @Test("many problems end in one summary")
    func problemSummary() throws {
        let extra = (1...30).map { "    <unknown_\($0)/>" }
        let text = try ConsignmentXML.valid(insert: extra)

        let report = try validateXML(text)

        let rules = report.checked.findings.map(\.rule)
        #expect(rules.filter { $0 == "xml-unknown-element" }.count == 20)
        let summary = try #require(report.checked.findings.first { $0.rule == "xml-more-problems" })
        #expect(summary.value == "10")
        #expect(summary.kind == .structure)
        #expect(summary.severity == .error)
        #expect(rules.count == 21)
    }

    // MARK: - Schema file

    @Test("shipped XSD declares every field")
    func schemaDeclaresEveryField() throws {
        let library = try loadedLibrary()
        let xsd = String(decoding: library.consignmentSchema, as: UTF8.self)

        for field in library.catalog.fields {
            #expect(xsd.contains("<xs:element name=\"\(field.id)\" type=\"FieldValue\">"), "field \(field.id)")
        }
        #expect(!xsd.contains("xs:import"))
        #expect(!xsd.contains("xs:include"))
    }

    @Test("broken XSD stops the rule files")
    func brokenSchema() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let url = rules.appendingPathComponent("xml/consignments.xsd")
            try Data("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>".utf8).write(to: url)

            #expect(throws: RuleFileError.self) { try RuleLibrary.load(root: rules) }
        }
    }
}
