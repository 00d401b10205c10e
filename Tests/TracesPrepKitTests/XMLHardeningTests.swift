import Foundation
import Testing
@testable import TracesPrepKit

/// Hostile and broken XML: each case must end in its own finding, with nothing read from
/// outside the file and nothing fetched. No test here opens a network connection or starts a
/// server: the URLs they contain are proved unused by the bridge's count of load requests.
@Suite("Hardened XML input")
struct XMLHardeningTests {
    /// Parses UTF-8 text the way the XML reader does and returns what the bridge reported.
    static func parse(_ text: String) -> XMLParseResult {
        SafeXMLParser(limits: XMLLimits(), pathPrefixes: [:]).parse(Array(text.utf8)) { _ in nil }
    }

    /// Writes the bytes `make` returns as `consignment.xml` in a fresh folder, which `make` may use
    /// for other files, and validates the file.
    static func validate(
        maxFileBytes: Int = FileValidator.defaultMaxFileBytes, _ make: (URL) throws -> [UInt8]
    ) throws -> (report: FileReport, outputs: String) {
        try withTemporaryFolder { folder in
            let bytes = try make(folder)
            let url = folder.appendingPathComponent("consignment.xml")
            try Data(bytes).write(to: url)
            let library = try loadedLibrary()
            let report = try FileValidator(library: library, maxFileBytes: maxFileBytes).validate(url)
            return (report, report.allOutputs(library: library))
        }
    }

    static func validate(
        _ bytes: [UInt8], maxFileBytes: Int = FileValidator.defaultMaxFileBytes
    ) throws -> (report: FileReport, outputs: String) {
        try validate(maxFileBytes: maxFileBytes) { _ in bytes }
    }

    /// Reads XML with the given limits, bypassing the file validator, and runs the rules.
    static func read(_ text: String, limits: XMLLimits) throws -> CheckedFile {
        let library = try loadedLibrary()
        let file = XMLConsignmentReader(library: library, limits: limits).read(Array(text.utf8))
        return RuleEngine(library: library).check(file, attachmentFolder: nil)
    }

    // MARK: - DOCTYPE, entities and external resources

    @Test("file entity is rejected unread")
    func fileEntityRejected() throws {
        let secret = "secret-" + UUID().uuidString
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingWhitespace() ?? ""
        let result = try Self.validate { folder in
            let secretURL = folder.appendingPathComponent("secret.txt")
            try Data(secret.utf8).write(to: secretURL)
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE consignments [<!ENTITY secret SYSTEM "file://\(secretURL.path)"><!ENTITY host SYSTEM "file:///etc/hostname">]>
                <consignments><consignment><certificate_reference>&secret;</certificate_reference><consignor_name>&host;</consignor_name></consignment></consignments>
                """
            return Array(xml.utf8)
        }

        expectFindings(result.report.checked.findings, [
            ExpectedFinding(
                rule: "xml-doctype-rejected", kind: .structure, severity: .error, box: nil, line: 2, column: nil,
                value: "DOCTYPE consignments"),
        ])
        #expect(result.report.checked.verdict == .rejected)
        #expect(result.report.checked.consignments.isEmpty)
        #expect(!result.outputs.contains(secret))
        if hostname.count >= 6 {
            #expect(!result.outputs.contains(hostname))
        }
    }

    @Test("shared case p12 file is rejected")
    func sharedCaseP12() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE consignments [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
            <consignments><consignment><certificate_reference>&secret;</certificate_reference></consignment></consignments>
            """

        let parsed = Self.parse(xml)

        #expect(parsed.hasDoctype)
        #expect(parsed.root == nil)
        #expect(parsed.externalLoadAttempts == 0)
        #expect(parsed.problems.map(\.source) == [.doctype])
        #expect(parsed.problems.first?.line == 2)
    }

    @Test("billion laughs never expands")
    func billionLaughs() throws {
        var declarations = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            declarations += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE consignments [\(declarations)]>\n"
            + "<consignments><consignment><certificate_reference>&lol9;</certificate_reference></consignment></consignments>\n"

        let result = try Self.validate(Array(xml.utf8))

        expectFindings(result.report.checked.findings, [
            ExpectedFinding(
                rule: "xml-doctype-rejected", kind: .structure, severity: .error, box: nil, line: 2, column: nil,
                value: "DOCTYPE consignments"),
        ])
        #expect(result.report.checked.verdict == .rejected)
        #expect(!result.outputs.contains("lollollol"))
        #expect(Self.parse(xml).externalLoadAttempts == 0)
    }

    @Test("external DTD is never requested")
    func externalDTD() throws {
        // Port 9 (discard) on the loopback address: nothing listens there, and nothing may try.
        let xml = "<!DOCTYPE consignments SYSTEM \"http://127.0.0.1:9/x.dtd\">\n<consignments/>\n"

        let parsed = Self.parse(xml)
        let result = try Self.validate(Array(xml.utf8))

        #expect(parsed.externalLoadAttempts == 0)
        #expect(parsed.problems.map(\.source) == [.doctype])
        expectFindings(result.report.checked.findings, [
            ExpectedFinding(
                rule: "xml-doctype-rejected", kind: .structure, severity: .error, box: nil, line: 1, column: nil,
                value: "DOCTYPE consignments SYSTEM http://127.0.0.1:9/x.dtd"),
        ])
        #expect(result.report.checked.verdict == .rejected)
    }

    @Test("XInclude is not processed")
    func xincludeIgnored() throws {
        let secret = "secret-" + UUID().uuidString
        var xml = ""
        let result = try Self.validate { folder in
            let secretURL = folder.appendingPathComponent("secret.txt")
            try Data(secret.utf8).write(to: secretURL)
            xml = try ConsignmentXML.valid(insert: [
                "    <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://\(secretURL.path)\" parse=\"text\"/>",
            ])
            return Array(xml.utf8)
        }

        expectFindings(result.report.checked.findings, [
            ExpectedFinding(
                rule: "xml-unknown-element", kind: .structure, severity: .error, box: nil,
                line: lineNumber(of: "<xi:include", in: xml), column: "/consignments/consignment[1]/xi:include",
                value: "{http://www.w3.org/2001/XInclude}include"),
        ])
        #expect(!result.outputs.contains(secret))
        #expect(Self.parse(xml).externalLoadAttempts == 0)
    }

    @Test("undeclared entity is not well-formed")
    func undeclaredEntity() throws {
        let xml = "<consignments>\n<consignment><certificate_reference>&secret;</certificate_reference></consignment>\n</consignments>\n"

        let result = try Self.validate(Array(xml.utf8))

        expectFindings(result.report.checked.findings, [
            ExpectedFinding(
                rule: "xml-not-well-formed", kind: .structure, severity: .error, box: nil, line: 2,
                column: "/consignments/consignment[1]/certificate_reference"),
        ])
        #expect(result.report.checked.verdict == .incomplete)
    }

    // MARK: - Limits

    @Test("text over 10 MB stops reading")
    func hugeTextNode() throws {
        let head = try ConsignmentXML.valid().components(separatedBy: "<consignor_name>")[0]
        let bytes = Array((head + "<consignor_name>").utf8) + [UInt8](repeating: 0x78, count: 10_000_001)
            + Array("</consignor_name></consignment></consignments>\n".utf8)
        let line = head.components(separatedBy: "\n").count

        let result = try Self.validate(bytes)

        expectFindings(result.report.checked.findings, [
            ExpectedFinding(
                rule: "xml-text-too-long", kind: .structure, severity: .error, box: nil, line: line,
                column: "/consignments/consignment[1]/consignor_name"),
        ])
        #expect(result.report.checked.verdict == .incomplete)
        #expect(result.report.checked.findings.first?.message.en.contains("10000000 bytes") == true)
    }

    @Test("file over the size limit is not read")
    func fileTooLarge() throws {
        let xml = try ConsignmentXML.valid()

        let result = try Self.validate(Array(xml.utf8), maxFileBytes: 1000)

        expectFindings(result.report.checked.findings, [
            ExpectedFinding(
                rule: "file-too-large", kind: .structure, severity: .error, box: nil, line: nil, column: nil,
                value: String(xml.utf8.count)),
        ])
        #expect(result.report.checked.verdict == .incomplete)
    }

    @Test("nesting deeper than 64 stops")
    func tooDeep() throws {
        let nested = String(repeating: "<x>\n", count: 70) + String(repeating: "</x>", count: 70)
        let xml = try ConsignmentXML.valid(insert: [nested])
        // The 63rd <x> is level 65: consignments and consignment are levels 1 and 2.
        let firstX = try #require(lineNumber(of: "<x>", in: xml))

        let result = try Self.validate(Array(xml.utf8))

        expectFindings(result.report.checked.findings.map { finding in
            var copy = finding
            copy.location.column = nil
            return copy
        }, [
            ExpectedFinding(rule: "xml-too-deep", kind: .structure, severity: .error, box: nil, line: firstX + 62, column: nil),
        ])
        #expect(result.report.checked.verdict == .incomplete)
        #expect(result.report.checked.consignments.isEmpty)
    }

    @Test("node limit stops reading")
    func tooManyNodes() throws {
        var limits = XMLLimits()
        limits.maxNodes = 30
        let xml = try ConsignmentXML.valid()

        let checked = try Self.read(xml, limits: limits)

        #expect(checked.findings.map(\.rule) == ["xml-too-many-nodes"])
        #expect(checked.findings.first?.kind == .structure)
        #expect(checked.findings.first?.severity == .error)
        // Elements 1 to 30 are consignments, consignment, 22 fields, container with its 2 fields,
        // line, cn_code and species, so the 31st is nature_of_commodity.
        #expect(checked.findings.first?.location.line == lineNumber(of: "<nature_of_commodity>", in: xml))
        #expect(checked.verdict == .incomplete)
    }

    @Test("tag with 300 attributes is not parsed")
    func tooManyAttributes() throws {
        let attributes = (1...300).map { "a\($0)=\"\"" }.joined(separator: " ")
        let xml = "<?xml version=\"1.0\"?>\n<consignments>\n<consignment \(attributes)/>\n</consignments>\n"

        let result = try Self.validate(Array(xml.utf8))

        expectFindings(result.report.checked.findings, [
            ExpectedFinding(rule: "xml-too-many-attributes", kind: .structure, severity: .error, box: nil, line: 3, column: nil),
        ])
        #expect(result.report.checked.verdict == .incomplete)
    }

    @Test("libxml2 errors are listed up to 20")
    func libxml2ErrorCap() throws {
        // An undeclared prefix is a namespace error: libxml2 reports it and goes on reading.
        let extra = [String](repeating: "    <p:colour>blue</p:colour>", count: 30)
        let xml = try ConsignmentXML.valid(insert: extra)
        let firstLine = try #require(lineNumber(of: "<p:colour>", in: xml))

        let result = try Self.validate(Array(xml.utf8))

        let findings = result.report.checked.findings
        #expect(findings.count == 21)
        let listed = findings.filter { $0.rule == "xml-not-well-formed" }
        #expect(listed.count == 20)
        #expect(listed.map(\.location.line) == (0..<20).map { firstLine + $0 })
        #expect(listed.allSatisfy { $0.kind == .structure && $0.severity == .error })
        #expect(listed.first?.message.en.contains("at \(firstLine):") == true)
        #expect(listed.first?.message.en.contains("Namespace prefix p on colour is not defined") == true)
        // 10 more namespace errors, and the 30 unknown elements the reader reports for them.
        let summary = try #require(findings.first { $0.rule == "xml-more-problems" })
        #expect(summary.value == "40")
        #expect(summary.location.line == nil)
        #expect(result.report.checked.verdict == .rejected)
    }

    // MARK: - Truncated files

    @Test("truncated file names its last line")
    func truncatedFile() throws {
        let xml = try ConsignmentXML.valid()
        let cut = String(xml[..<xml.range(of: "<species>")!.lowerBound])
        let lastLine = cut.components(separatedBy: "\n").count

        let result = try Self.validate(Array(cut.utf8))

        let findings = result.report.checked.findings
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.rule == "xml-not-well-formed")
        #expect(finding.kind == .structure)
        #expect(finding.severity == .error)
        #expect(finding.location.line == lastLine)
        #expect(finding.message.en.contains("Premature end of data"))
        #expect(result.report.checked.verdict == .incomplete)
        #expect(result.report.checked.consignments.isEmpty)
    }

    @Test("cut inside a tag is incomplete")
    func truncatedInsideTag() throws {
        let xml = try ConsignmentXML.valid()
        let cut = String(xml[..<xml.range(of: "ecies>Oreo")!.lowerBound])

        let result = try Self.validate(Array(cut.utf8))

        // libxml2 reports the unfinished start tag, then the elements left open; both on the last line.
        let lastLine = cut.components(separatedBy: "\n").count
        let findings = result.report.checked.findings
        #expect(findings.map(\.rule) == ["xml-not-well-formed", "xml-not-well-formed"])
        #expect(findings.map(\.location.line) == [lastLine, lastLine])
        #expect(findings.first?.message.en.contains("Couldn't find end of Start Tag sp") == true)
        #expect(findings.last?.location.column == "/consignments/consignment[1]/line[1]")
        #expect(result.report.checked.verdict == .incomplete)
    }
}
