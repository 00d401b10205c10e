import Foundation
import Testing
import TracesPrepKit

/// Encodings of XML files: the declaration, the byte order mark, and the bytes themselves.
@Suite("XML encodings")
struct XMLEncodingTests {
    /// Renders the valid consignment with the given consignor and consignee, declaring `encoding`.
    static func document(declaring encoding: String?, consignor: String, consignee: String) throws -> String {
        let values = ConsignmentXML.validChanging("consignor_name", to: consignor)
            .map { $0.0 == "consignee_name" ? ($0.0, consignee) : $0 }
        let text = try ConsignmentXML.document([values])
        let declaration = encoding.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>" } ?? "<?xml version=\"1.0\"?>"
        return text.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: declaration)
    }

    static func validate(_ bytes: [UInt8]) throws -> FileReport {
        try withTemporaryFolder { folder in try TracesPrepKitTests.validate(bytes: bytes, named: "consignment.xml", in: folder) }
    }

    static func header(_ report: FileReport) -> NormalizedValues? {
        report.checked.consignments.first?.consignment.header
    }

    @Test("ISO-8859-1 declared and used")
    func latin1() throws {
        let consignee = "Société Générale de Pêche, Ñandú Straße"
        let text = try Self.document(declaring: "ISO-8859-1", consignor: "Formosa Aquatic", consignee: consignee)
        let bytes = try #require(text.data(using: .isoLatin1))
        #expect(bytes.contains(0xE9))

        let report = try Self.validate([UInt8](bytes))

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-decoded-from-other-encoding", kind: .encoding, severity: .info, box: nil, line: nil, column: nil,
                value: "ISO-8859-1"),
        ])
        #expect(report.checked.verdict == .accepted)
        #expect(report.checked.file.encoding == .iso8859_1)
        #expect(Self.header(report)?["consignee_name"]?.source.raw == consignee)
    }

    @Test("Big5 declared and used")
    func big5() throws {
        let consignor = "許氏水產股份有限公司"
        let text = try Self.document(declaring: "Big5", consignor: consignor, consignee: "Noordkaap B.V.")
        let bytes = try encodeCP950(text)
        // 許 is B3 5C: its trail byte is the ASCII backslash.
        #expect(bytes.containsSequence([0xB3, 0x5C]))

        let report = try Self.validate(bytes)

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-decoded-from-other-encoding", kind: .encoding, severity: .info, box: nil, line: nil, column: nil,
                value: "Big5"),
        ])
        #expect(report.checked.verdict == .accepted)
        #expect(report.checked.file.encoding == .cp950)
        #expect(Self.header(report)?["consignor_name"]?.source.raw == consignor)
        #expect(ReportJSON.document(for: report).serialized().contains("\"encoding\": \"CP950\""))
    }

    @Test("bad Big5 byte names its line")
    func big5UndecodableByte() throws {
        let text = try Self.document(declaring: "Big5", consignor: "許氏水產 BAD", consignee: "Noordkaap B.V.")
        let line = try #require(lineNumber(of: "許氏水產 BAD", in: text))
        let encoded = try encodeCP950(text)
        // 0xFF is no lead byte in CP950.
        let bytes = try #require(String(bytes: encoded, encoding: .isoLatin1))
            .replacingOccurrences(of: " BAD", with: "\u{FF}")
            .data(using: .isoLatin1)

        let report = try Self.validate([UInt8](try #require(bytes)))

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-decoded-from-other-encoding", kind: .encoding, severity: .info, box: nil, line: nil, column: nil,
                value: "Big5"),
            ExpectedFinding(
                rule: "xml-undecodable-bytes", kind: .encoding, severity: .error, box: nil, line: line, column: nil,
                value: "FF"),
        ])
        #expect(report.checked.verdict == .rejected)
    }

    @Test("invalid UTF-8 byte names its line")
    func invalidUTF8() throws {
        let text = try Self.document(declaring: nil, consignor: "Formosa PLACEHOLDER", consignee: "Noordkaap B.V.")
        let line = try #require(lineNumber(of: "PLACEHOLDER", in: text))

        let report = try Self.validate(utf8Bytes(text, replacing: "PLACEHOLDER", with: [0xB3, 0x5C]))

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-undecodable-bytes", kind: .encoding, severity: .error, box: nil, line: line, column: nil,
                value: "B3"),
        ])
        #expect(report.checked.file.encoding == .utf8)
        #expect(report.checked.verdict == .rejected)
    }

    @Test("UTF-16 with BOM is read")
    func utf16WithBOM() throws {
        let text = try Self.document(declaring: "UTF-16", consignor: "福爾摩沙水產", consignee: "Noordkaap B.V.")

        let report = try Self.validate(encodeUTF16LEWithBOM(text))

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-decoded-from-other-encoding", kind: .encoding, severity: .info, box: nil, line: nil, column: nil),
        ])
        #expect(report.checked.file.encoding == .utf16LE)
        #expect(Self.header(report)?["consignor_name"]?.source.raw == "福爾摩沙水產")
    }

    @Test("unsupported encoding is rejected unread", arguments: ["Shift_JIS", "UTF-16", "EBCDIC-US"])
    func unsupportedEncoding(_ name: String) throws {
        // UTF-16 is supported, but not declared on bytes that are not UTF-16.
        let text = try Self.document(declaring: name, consignor: "Formosa", consignee: "Noordkaap B.V.")

        let report = try Self.validate(Array(text.utf8))

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "xml-encoding-unsupported", kind: .encoding, severity: .error, box: nil, line: 1, column: nil,
                value: name),
        ])
        #expect(report.checked.verdict == .rejected)
        #expect(report.checked.consignments.isEmpty)
        #expect(report.checked.file.encoding == nil)
    }

    @Test("UTF-8 declaration and ASCII alias read alike", arguments: ["UTF-8", "utf8", "US-ASCII"])
    func utf8Names(_ name: String) throws {
        let text = try Self.document(declaring: name, consignor: "Formosa", consignee: "Noordkaap B.V.")

        let report = try Self.validate(Array(text.utf8))

        expectFindings(report.checked.findings, [])
        #expect(report.checked.file.encoding == .utf8)
    }
}
