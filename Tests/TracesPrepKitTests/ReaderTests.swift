import Foundation
import Testing
import TracesPrepKit

/// Encodings, delimiters, quoting and the structure of the header, through the whole pipeline.
@Suite("Reading CSV files")
struct ReaderTests {
    // MARK: - Encodings

    @Test("valid UTF-8 file has no findings")
    func validUTF8() throws {
        let report = try validate(ConsignmentCSV.valid().marked())

        expectFindings(report.checked.findings, [])
        #expect(report.checked.verdict == .accepted)
        #expect(report.checked.file.encoding == .utf8)
        #expect(report.checked.file.delimiter == ",")
        #expect(report.checked.consignments.count == 1)
    }

    @Test("UTF-8 with BOM reads first header")
    func utf8WithBOM() throws {
        let text = ConsignmentCSV.valid().marked().text
        let report = try withTemporaryFolder { folder in
            try validate(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8), in: folder)
        }

        // The BOM must not stick to the first header, or certificate_reference would be unknown.
        expectFindings(report.checked.findings, [])
        #expect(report.checked.file.encoding == .utf8BOM)
        #expect(report.checked.file.columns["certificate_reference"] == "certificate_reference")
        #expect(report.checked.consignments.first?.consignment.reference == "KH-2026-0001")
    }

    @Test("UTF-16LE with BOM decodes with info")
    func utf16LittleEndian() throws {
        let text = ConsignmentCSV.valid().marked().text
        let report = try withTemporaryFolder { folder in
            try validate(bytes: encodeUTF16LEWithBOM(text), in: folder)
        }

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "decoded-from-other-encoding", kind: .encoding, severity: .info, box: nil, line: nil, column: nil),
        ])
        #expect(report.checked.verdict == .accepted)
        #expect(report.checked.file.encoding == .utf16LE)
        let header = report.checked.consignments.first?.consignment.header
        #expect(header?["consignor_name"]?.source.raw == "福爾摩沙水產股份有限公司 Formosa Aquatic Products Co., Ltd.")
    }

    @Test("CP950 with backslash trail bytes")
    func cp950ChineseHeaders() throws {
        let fixture = MarkedText(try fixtureText("chinese-headers.csv"))
        let bytes = try encodeCP950(fixture.text)
        // 許 is B3 5C and 功 is A5 5C in CP950: their trail byte is the ASCII backslash.
        #expect(bytes.containsSequence([0xB3, 0x5C]))
        #expect(bytes.containsSequence([0xA5, 0x5C]))

        let report = try withTemporaryFolder { folder in try validate(bytes: bytes, in: folder) }

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "decoded-from-other-encoding", kind: .encoding, severity: .info, box: nil, line: nil, column: nil),
        ])
        #expect(report.checked.file.encoding == .cp950)
        #expect(report.checked.file.columns["consignor_name"] == "出口人")
        #expect(report.checked.file.columns["nature_of_commodity"] == "產品類別（野生捕撈／養殖）")
        let header = report.checked.consignments.first?.consignment.header
        #expect(header?["consignor_name"]?.source.raw == "許功漁業股份有限公司, 前鎮")
        #expect(header?["consignor_address"]?.source.raw == "高雄市前鎮區成功二路")
        #expect(header?["place_of_dispatch_name"]?.source.raw == "前鎮成功")
        #expect(header?["consignee_country"]?.source.raw == "NL")
    }

    @Test("invalid byte after UTF-8 BOM")
    func invalidByteInUTF8WithBOM() throws {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["total_gross_weight"] = "10800"
        csv.rows.append(ConsignmentCSV.shrimpLine)
        csv.rows[1]["batch_number"] = "SH26<FF>1202⟦row: undecodable-bytes⟧"
        let fixture = csv.marked()
        let bytes = [0xEF, 0xBB, 0xBF] + utf8Bytes(fixture.text, replacing: "<FF>", with: [0xFF])

        let report = try withTemporaryFolder { folder in try validate(bytes: bytes, in: folder) }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "undecodable-bytes": FindingDetails(.encoding, .error, box: nil, value: "FF"),
        ]))
        #expect(report.checked.verdict == .rejected)
        #expect(report.checked.file.encoding == .utf8BOM)
        #expect(report.checked.consignments.first?.consignment.lines.last?["batch_number"]?.source.raw == "SH26\u{FFFD}1202")
    }

    @Test("invalid byte without BOM falls back to CP950")
    func invalidByteReadAsCP950() throws {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["consignor_name"] = "Formosa Aquatic Products Co., Ltd."
        csv.rows[0]["total_gross_weight"] = "10800"
        csv.rows.append(ConsignmentCSV.shrimpLine)
        csv.rows[1]["batch_number"] = "SH26<FF>1202⟦row: undecodable-bytes⟧"
        let fixture = csv.marked()
        let bytes = utf8Bytes(fixture.text, replacing: "<FF>", with: [0xFF])

        let report = try withTemporaryFolder { folder in try validate(bytes: bytes, in: folder) }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "undecodable-bytes": FindingDetails(.encoding, .error, box: nil, value: "FF"),
        ]) + [
            ExpectedFinding(
                rule: "decoded-from-other-encoding", kind: .encoding, severity: .info, box: nil, line: nil, column: nil),
        ])
        #expect(report.checked.file.encoding == .cp950)
    }

    @Test("invalid byte line with CR line ends", arguments: [true, false])
    func invalidByteWithCarriageReturns(withBOM: Bool) throws {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["consignor_name"] = "Formosa Aquatic Products Co., Ltd."
        csv.rows[0]["total_gross_weight"] = "10800"
        csv.rows.append(ConsignmentCSV.shrimpLine)
        csv.rows[1]["batch_number"] = "SH26<FF>1202⟦row: undecodable-bytes⟧"
        let fixture = csv.marked(lineEnd: "\r")
        let bom: [UInt8] = withBOM ? [0xEF, 0xBB, 0xBF] : []
        let bytes = bom + utf8Bytes(fixture.text, replacing: "<FF>", with: [0xFF])

        let report = try withTemporaryFolder { folder in try validate(bytes: bytes, in: folder) }

        // Without a BOM the invalid byte makes the file CP950, which is reported too.
        let decoded = withBOM ? [] : [
            ExpectedFinding(
                rule: "decoded-from-other-encoding", kind: .encoding, severity: .info, box: nil, line: nil, column: nil),
        ]
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "undecodable-bytes": FindingDetails(.encoding, .error, box: nil, value: "FF"),
        ]) + decoded)
    }

    // MARK: - Delimiters, quoting and line ends

    @Test("semicolon and tab delimiters", arguments: [";", "\t"])
    func otherDelimiters(delimiter: String) throws {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["container_number"] = "EMCU3811878⟦container-number-check-digit⟧"
        let fixture = csv.marked(delimiter: delimiter)

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "container-number-check-digit": FindingDetails(.checkDigit, .error, box: "I.19", value: "EMCU3811878", expected: "9"),
        ]))
        #expect(report.checked.file.delimiter == delimiter)
        // The address contains commas, but with another delimiter it is one cell even where it is not quoted.
        let header = report.checked.consignments.first?.consignment.header
        #expect(header?["consignor_address"]?.source.raw == "No. 88, Yugang 1st Rd., Qianzhen Dist., Kaohsiung City 806")
    }

    @Test("quoted cells keep next record's line", arguments: ["\n", "\r\n", "\r"])
    func quotedCells(lineEnd: String) throws {
        let text = try fixtureText("quoted-cells.csv").replacingOccurrences(of: "\n", with: lineEnd)
        let fixture = MarkedText(text)

        let report = try validate(fixture)

        // Record 1 spans lines 2 and 3, so record 2 starts on line 4.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "container-number-check-digit": FindingDetails(.checkDigit, .error, box: "I.19", value: "EMCU3811878", expected: "9"),
        ]))
        #expect(report.checked.findings.first?.location.line == 4)
        #expect(report.checked.findings.first?.location.record == 2)
        let header = report.checked.consignments.first?.consignment.header
        #expect(header?["consignee_name"]?.source.raw == "Noordkaap \"Seafood\" Trading B.V.")
        #expect(header?["consignee_address"]?.source.raw == "Kadeweg 12" + lineEnd + "3089 JJ Rotterdam")
        #expect(header?["consignor_name"]?.source.raw == "福爾摩沙水產股份有限公司 Formosa Aquatic Products Co., Ltd.")
        #expect(report.checked.consignments.first?.consignment.lines.count == 2)
    }

    @Test("CR-only line ends")
    func carriageReturnLineEnds() throws {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["total_gross_weight"] = "10800"
        csv.rows.append(ConsignmentCSV.shrimpLine)
        csv.rows[1]["container_number"] = "EMCU3811878⟦container-number-check-digit⟧"
        let fixture = csv.marked(lineEnd: "\r")
        #expect(!fixture.text.contains("\n"))

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "container-number-check-digit": FindingDetails(.checkDigit, .error, box: "I.19", value: "EMCU3811878", expected: "9"),
        ]))
        #expect(report.checked.findings.first?.location.line == 3)
        #expect(report.checked.consignments.first?.consignment.lines.count == 2)
    }

    @Test("unclosed quote makes verdict incomplete")
    func unclosedQuote() throws {
        let valid = ConsignmentCSV.valid().marked().text
        // The last cell opens a quote that the file never closes.
        let lines = valid.split(separator: "\n").map(String.init)
        let openQuote = lines[1].replacingOccurrences(of: ",TL261201", with: ",\"TL261201⟦value-normalized⟧")
        let fixture = MarkedText(lines[0] + "\n⟦row: unclosed-quote⟧" + openQuote + "\n")

        let report = try validate(fixture)

        // The open quote takes the final line feed into the cell, and trimming it is reported.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "unclosed-quote": FindingDetails(.structure, .error, box: nil),
            "value-normalized": FindingDetails(.normalized, .info, box: "I.25", value: "TL261201\n", expected: "TL261201"),
        ]))
        #expect(report.checked.verdict == .incomplete)
        #expect(report.checked.file.complete == false)
    }

    @Test("blank lines are not records")
    func blankLines() throws {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["total_gross_weight"] = "10800"
        csv.rows.append(ConsignmentCSV.shrimpLine)
        csv.rows[1]["container_number"] = "EMCU3811878⟦container-number-check-digit⟧"
        let fixture = MarkedText(csv.text().replacingOccurrences(of: "\nKH-2026-0001,,", with: "\n\n\nKH-2026-0001,,"))

        let report = try validate(fixture)

        // The shrimp row follows two blank lines, so it starts on line 5 and is record 2.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "container-number-check-digit": FindingDetails(.checkDigit, .error, box: "I.19", value: "EMCU3811878", expected: "9"),
        ]))
        #expect(report.checked.findings.first?.location.line == 5)
        #expect(report.checked.findings.first?.location.record == 2)
    }

    @Test("stray quote in an unquoted cell")
    func strayQuote() throws {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["consignee_name"] = "Noordkaap 5\" Seafood B.V.⟦stray-quote⟧"
        // Written without quoting, as a hand-made file would have it. The finding names the
        // column of the cell that holds the quote.
        let fixture = MarkedText(csv.text().replacingOccurrences(of: "\"Noordkaap 5\"\" Seafood B.V.⟦stray-quote⟧\"", with: "Noordkaap 5\" Seafood B.V.⟦stray-quote⟧"))

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "stray-quote": FindingDetails(.structure, .warning, box: nil),
        ]))
        let header = report.checked.consignments.first?.consignment.header
        #expect(header?["consignee_name"]?.source.raw == "Noordkaap 5\" Seafood B.V.")
    }

    // MARK: - Structure

    @Test("trailing empty cells are not extra")
    func trailingEmptyCells() throws {
        let valid = ConsignmentCSV.valid().marked().text
        let fixture = MarkedText(valid.replacingOccurrences(of: ",TL261201\n", with: ",TL261201,,,\n"))

        let report = try validate(fixture)

        // The three empty cells Excel appended are dropped with a note, not reported as extra cells.
        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "empty-columns-dropped", kind: .excelDamage, severity: .info, box: nil, line: 1, column: nil),
        ])
        #expect(report.checked.file.records.first?.cells.count == report.checked.file.headers.count)
    }

    @Test("file over the size limit is not read")
    func fileTooLarge() throws {
        let text = ConsignmentCSV.valid().marked().text
        let report = try withTemporaryFolder { folder in
            let url = folder.appendingPathComponent("consignment.csv")
            try Data(text.utf8).write(to: url)
            return try FileValidator(library: loadedLibrary(), maxFileBytes: 100).validate(url)
        }

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "file-too-large", kind: .structure, severity: .error, box: nil, line: nil, column: nil,
                value: String(text.utf8.count)),
        ])
        #expect(report.checked.verdict == .incomplete)
    }

    @Test("spreadsheet file is unsupported")
    func unsupportedFormat() throws {
        let report = try withTemporaryFolder { folder in
            try validate(bytes: [0x50, 0x4B, 0x03, 0x04], named: "consignment.ods", in: folder)
        }

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "unsupported-format", kind: .structure, severity: .error, box: nil, line: nil, column: nil, value: "ods"),
        ])
        #expect(report.checked.verdict == .incomplete)
    }

    @Test("row with too many cells")
    func tooManyCells() throws {
        let valid = ConsignmentCSV.valid().marked().text
        let fixture = MarkedText(valid.replacingOccurrences(of: ",TL261201\n", with: ",TL261201,late note⟦row: too-many-cells⟧\n"))

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "too-many-cells": FindingDetails(.structure, .error, box: nil),
        ]))
        #expect(report.checked.findings.first?.location.record == 1)
        let message = report.checked.findings.first?.message
        #expect(message?.en.contains("37 cells but the header has 36;") == true)
        #expect(message?.zhTW.contains("37 個儲存格，但標題列只有 36 個") == true)
    }

    @Test("unknown header is a warning")
    func unknownHeader() throws {
        var csv = ConsignmentCSV.valid()
        csv.addColumn("remarks", header: "Remarks⟦unknown-header⟧", value: "deliver before noon")
        let fixture = csv.marked()

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "unknown-header": FindingDetails(.structure, .warning, box: nil, value: "Remarks"),
        ]))
        #expect(report.checked.verdict == .accepted)
    }

    @Test("duplicate header names both headers")
    func duplicateHeader() throws {
        var csv = ConsignmentCSV.valid()
        csv.addColumn("consignee_name_again", header: "Consignee⟦duplicate-header⟧", value: "Other Importer B.V.")
        let fixture = csv.marked()

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "duplicate-header": FindingDetails(.structure, .error, box: "I.5", value: "Consignee"),
        ]))
        let message = report.checked.findings.first?.message.en ?? ""
        #expect(message.contains("Column 37 'Consignee'"))
        #expect(message.contains("'consignee_name'"))
        // Only the first column is used.
        let header = report.checked.consignments.first?.consignment.header
        #expect(header?["consignee_name"]?.source.raw == "Noordkaap Seafood Trading B.V.")
    }

    @Test(
        "header aliases map to container_number",
        arguments: [
            "I.19 Container number", "Container number", "貨櫃號碼", "I.19 貨櫃號碼",
            "ｃｏｎｔａｉｎｅｒ＿ｎｕｍｂｅｒ", "ＣＯＮＴＡＩＮＥＲ　ＮＵＭＢＥＲ", "Container number ✽", "✽貨櫃號碼",
        ])
    func headerAlias(header: String) throws {
        var csv = ConsignmentCSV.valid()
        csv.rename("container_number", to: header)
        csv.rows[0]["container_number"] = "EMCU3811878⟦container-number-check-digit⟧"
        let fixture = csv.marked()
        #expect(fixture.marks.first?.column == header)

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "container-number-check-digit": FindingDetails(.checkDigit, .error, box: "I.19", value: "EMCU3811878", expected: "9"),
        ]))
    }

    @Test("empty file")
    func emptyFile() throws {
        let report = try withTemporaryFolder { folder in try validate(bytes: [], in: folder) }

        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "empty-file", kind: .structure, severity: .error, box: nil, line: nil, column: nil),
        ])
        #expect(report.checked.verdict == .rejected)
        #expect(report.checked.consignments.isEmpty)
    }

    @Test("header without data rows")
    func headerOnly() throws {
        let header = ConsignmentCSV.valid().marked().text.split(separator: "\n")[0]
        let fixture = MarkedText(header + "⟦row: no-data-rows⟧\n")

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "no-data-rows": FindingDetails(.structure, .error, box: nil),
        ]))
        #expect(report.checked.verdict == .rejected)
    }
}

/// Text output and annotated copies sent back.
@Suite("Text output and round trips")
struct TextOutputTests {
    @Test("line break in a value stays on one line")
    func lineBreakShownAsSymbol() {
        #expect(TextReport.oneLine("'A\nB' was read as 'A B'") == "'A⏎B' was read as 'A B'")
        #expect(TextReport.oneLine("plain") == "plain")
    }

    @Test("annotated copy's findings column is ignored")
    func findingsColumnIgnored() throws {
        var csv = ConsignmentCSV.valid()
        csv.addColumn("findings", header: AnnotatedCSV.findingsHeader, value: "錯誤 [x] something / error [x] something")

        let report = try validate(csv.marked())

        #expect(report.checked.findings.filter { $0.rule == "unknown-header" }.isEmpty)
        #expect(report.checked.verdict == .accepted)
    }
}
