import Foundation
import Testing
@testable import TracesPrepKit

/// Reading XLSX workbooks: cell types, sheets, dates, merged cells, limits and the annotated copy.
@Suite("Reading XLSX files")
struct XLSXReaderTests {
    // MARK: - Cells and sheets

    @Test("valid workbook is accepted")
    func validWorkbook() throws {
        let report = try validate(WorkbookBuilder.consignment())

        expectFindings(report.checked.findings, [])
        #expect(report.checked.verdict == .accepted)
        #expect(report.input.format == .xlsx)
        #expect(report.autofilled("KH-2026-0001")["certificate_model"] == "fishery")
    }

    @Test("cell types read as text")
    func cellTypes() throws {
        var workbook = WorkbookBuilder.consignment()
        workbook.set("consignee_name", to: .inline("Noordkaap & Zonen B.V."))
        workbook.set("package_count", to: .number("600"))
        workbook.set("net_weight", to: .number("6000.5"))
        workbook.set("departure_datetime", to: .number("46366.75", .dateTime))
        workbook.set("arrival_date", to: .number("46401", .date))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [])
        let consignment = try #require(report.checked.consignments.first?.consignment)
        #expect(consignment.header["consignee_name"]?.source.raw == "Noordkaap & Zonen B.V.")
        #expect(consignment.header["departure_datetime"]?.source.raw == "2026-12-10 18:00")
        #expect(consignment.header["departure_datetime"]?.text == "2026-12-10T18:00:00+08:00")
        #expect(consignment.header["arrival_date"]?.text == "2027-01-14")
        #expect(consignment.lines.first?["net_weight"]?.text == "6000.5")
    }

    @Test("1904 date system")
    func dateSystem1904() throws {
        // The 1904 system counts 1,462 days fewer than the 1900 system for the same date.
        var workbook = WorkbookBuilder.consignment()
        workbook.date1904 = true
        workbook.set("departure_datetime", to: .number("44904.75", .dateTime))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [])
        #expect(report.checked.consignments.first?.consignment.header["departure_datetime"]?.text == "2026-12-10T18:00:00+08:00")
    }

    @Test("boolean cell reads as yes")
    func booleanCell() throws {
        var csv = ConsignmentCSV.valid()
        csv.addColumn("final_consumer")
        var workbook = WorkbookBuilder.consignment(csv)
        workbook.set("final_consumer", to: .boolean(true))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "value-normalized", kind: .normalized, severity: .info, box: "I.25", line: 2,
                column: workbook.reference("final_consumer"), value: "TRUE", expected: "yes"),
        ])
    }

    @Test("sheet named 出口資料 is read")
    func preferredSheet() throws {
        var workbook = WorkbookBuilder.consignment(sheet: "出口資料")
        workbook.set("cn_code", to: .text("3046100"))
        workbook.sheets.insert(WorkbookBuilder.Sheet(name: "說明", rows: [1: [0: .text("請填寫下一個工作表")]]), at: 0)

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "sheet-chosen", kind: .structure, severity: .info, box: nil, line: nil, column: nil, value: "出口資料"),
            ExpectedFinding(
                rule: "cn-code-leading-zero", kind: .excelDamage, severity: .error, box: "I.25", line: 2, column: "出口資料!AB2",
                value: "3046100", expected: "03046100"),
        ])
    }

    @Test("first sheet read without a named one")
    func firstSheet() throws {
        var workbook = WorkbookBuilder.consignment(sheet: "My data")
        workbook.sheets.append(WorkbookBuilder.Sheet(name: "Notes", rows: [1: [0: .text("x")]]))
        workbook.set("consignee_country", to: .text("XX"))

        let report = try validate(workbook)

        // A sheet name with a space is quoted in the reference, as Excel writes it.
        let finding = try #require(report.checked.findings.first { $0.rule == "code-list" })
        #expect(finding.location.column == "'My data'!G2")
        let chosen = try #require(report.checked.findings.first { $0.rule == "sheet-chosen" })
        #expect(chosen.value == "My data")
    }

    @Test("merged cells are blank below their first cell")
    func mergedCells() throws {
        // Rows 2 and 3 share one certificate. The consignee name (column E) is merged over E2:E3,
        // and the covered cell E3 still contains an old value that Excel keeps but does not show.
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["total_gross_weight"] = "10800"
        csv.rows.append(ConsignmentCSV.shrimpLine)
        var workbook = WorkbookBuilder.consignment(csv)
        workbook.set("consignee_name", row: 3, to: .text("Old Importer B.V."))
        workbook.sheets[0].merges = ["E2:E3"]

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [])
        #expect(report.checked.consignments.first?.consignment.lines.count == 2)
        #expect(report.autofilled("KH-2026-0001")["total_net_weight"] == "10000")
    }

    @Test("findings cite the cell and row")
    func cellCitation() throws {
        var workbook = WorkbookBuilder.consignment()
        workbook.set("consignee_name", to: nil)
        workbook.set("container_number", to: .text("EMCU3811878"))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "mandatory-consignment", kind: .missing, severity: .error, box: "I.5", line: 2, column: "Sheet1!E2"),
            ExpectedFinding(
                rule: "container-number-check-digit", kind: .checkDigit, severity: .error, box: "I.19", line: 2,
                column: "Sheet1!W2", value: "EMCU3811878", expected: "9"),
        ])
    }

    // MARK: - Files that cannot be read

    @Test("xls-old-format: binary workbook")
    func oldBinaryWorkbook() throws {
        let bytes = FileValidator.compoundFileSignature + [UInt8](repeating: 0, count: 504)
        let report = try withTemporaryFolder { folder in try validate(bytes: bytes, named: "consignment.xls", in: folder) }

        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "xls-old-format", kind: .structure, severity: .error, box: nil, line: nil, column: nil, value: "consignment.xls"),
        ])
        #expect(report.checked.verdict == .incomplete)
        #expect(report.checked.findings.first?.message.zhTW.contains("Excel 活頁簿 (*.xlsx)") == true)
    }

    @Test("xlsx renamed to xls is read")
    func workbookNamedXLS() throws {
        let report = try validate(WorkbookBuilder.consignment(), named: "consignment.xls")

        expectFindings(report.checked.findings, [])
    }

    @Test("xlsx-unreadable: truncated archive")
    func truncatedArchive() throws {
        let bytes = Array(WorkbookBuilder.consignment().bytes().prefix(200))
        let report = try withTemporaryFolder { folder in try validate(bytes: bytes, named: "consignment.xlsx", in: folder) }

        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "xlsx-unreadable", kind: .structure, severity: .error, box: nil, line: nil, column: nil),
        ])
        #expect(report.checked.verdict == .incomplete)
    }

    @Test("xlsx-unreadable: DOCTYPE in a sheet")
    func doctypeRejected() throws {
        // A billion-laughs entity: the parse stops at the DOCTYPE, before any declaration is read.
        var workbook = WorkbookBuilder.consignment()
        workbook.sheetPrologue = "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n"

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "xlsx-unreadable", kind: .structure, severity: .error, box: nil, line: nil, column: nil),
        ])
        #expect(report.checked.findings.first?.message.en.contains("'xl/worksheets/sheet1.xml' has a DOCTYPE") == true)
    }

    @Test("xlsx-too-large: member over the cap")
    func memberOverCap() throws {
        // A sheet of 3 MB of spaces deflates to a few KB: the shape of a ZIP bomb.
        var workbook = WorkbookBuilder.consignment()
        workbook.sheetPrologue = "<!--" + String(repeating: " ", count: 3_000_000) + "-->"
        let limits = ZIPLimits(maxMembers: 100, maxMemberBytes: 1_000_000, maxTotalBytes: 10_000_000)

        let file = XLSXConsignmentReader(catalog: try loadedLibrary().catalog, limits: limits).read(workbook.bytes())

        #expect(file.complete == false)
        #expect(file.events.map(\.name) == [EventName.xlsxTooLarge])
        #expect(file.events.first?.details["reason_en"]?.contains("'xl/worksheets/sheet1.xml' uncompresses to 30") == true)
    }

    @Test("xlsx-too-large: total over the cap")
    func totalOverCap() throws {
        let limits = ZIPLimits(maxMembers: 100, maxMemberBytes: 1_000_000, maxTotalBytes: 2_000)

        let file = XLSXConsignmentReader(catalog: try loadedLibrary().catalog, limits: limits).read(WorkbookBuilder.consignment().bytes())

        #expect(file.events.map(\.name) == [EventName.xlsxTooLarge])
        #expect(file.events.first?.details["reason_en"] == "the uncompressed parts together exceed the limit of 2000 bytes")
    }

    @Test("member larger than declared is damaged")
    func memberLargerThanDeclared() throws {
        // Declare 10 bytes for a member that inflates to 1,000: inflating stops at 10 and fails.
        var writer = ZIPWriter()
        writer.add("a.xml", Array(repeating: UInt8(ascii: "a"), count: 1000))
        var bytes = writer.bytes()
        let directory = Int(ZIPArchive.uint32(bytes, bytes.count - 6)!)
        bytes[directory + 24] = 10
        bytes[directory + 25] = 0
        var archive = try ZIPArchive(bytes: bytes)

        #expect(throws: ZIPError.damagedMember(member: "a.xml")) { try archive.data(of: "a.xml") }
    }

    @Test("relationship targets stay inside the package")
    func relationshipTargets() {
        #expect(XLSXWorkbook.resolve("worksheets/sheet1.xml", in: "xl") == "xl/worksheets/sheet1.xml")
        #expect(XLSXWorkbook.resolve("/xl/worksheets/sheet2.xml", in: "xl") == "xl/worksheets/sheet2.xml")
        #expect(XLSXWorkbook.resolve("../../../etc/passwd", in: "xl") == "etc/passwd")
    }

    // MARK: - Annotated workbook and the LibreOffice twins

    @Test("annotated workbook has a findings column")
    func annotatedWorkbook() throws {
        var workbook = WorkbookBuilder.consignment()
        workbook.set("container_number", to: .text("EMCU3811878"))
        let site = try InboxProcessorTests.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try Data(workbook.bytes()).write(to: site.appendingPathComponent("Inbox/book.xlsx"))

        let results = try InboxProcessorTests.processor(site: site).processWaitingFiles()

        let output = try #require(results.first?.outputFolder)
        let annotated = try [UInt8](Data(contentsOf: output.appendingPathComponent("annotated.xlsx")))
        var copy = try XLSXWorkbook(bytes: annotated)
        let sheet = try copy.readConsignmentSheet().sheet
        let findingsColumn = workbook.columns.count
        #expect(sheet.rows.first { $0.number == 1 }?.cells[findingsColumn]?.text == AnnotatedCSV.findingsHeader)
        let note = try #require(sheet.rows.first { $0.number == 2 }?.cells[findingsColumn]?.text)
        #expect(note.hasPrefix("error [container-number-check-digit]"))
        // The data cells are unchanged.
        #expect(sheet.rows.first { $0.number == 2 }?.cells[workbook.column("container_number")]?.text == "EMCU3811878")
    }

    @Test("LibreOffice workbooks match their CSV twins", arguments: ["tilapia-fishery", "two-consignments"])
    func libreOfficeTwins(name: String) throws {
        // Examples/NAME.xlsx was converted from Examples/NAME.csv by LibreOffice 7.4 with the
        // code columns imported as text; run gives both the same findings but for the column,
        // which cites the cell in the workbook and the header in the CSV.
        let examples = InboxProcessorTests.repository.appendingPathComponent("Examples")
        let site = try InboxProcessorTests.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let inbox = site.appendingPathComponent("Inbox")
        for file in ["\(name).csv", "\(name).xlsx", "docs"] {
            try FileManager.default.copyItem(at: examples.appendingPathComponent(file), to: inbox.appendingPathComponent(file))
        }

        let results = try InboxProcessorTests.processor(site: site).processWaitingFiles()

        #expect(results.count == 2)
        var findings: [String: [[String]]] = [:]
        for result in results {
            let output = try #require(result.outputFolder)
            let report = try #require(try JSONSerialization.jsonObject(
                with: Data(contentsOf: output.appendingPathComponent("report.json"))) as? [String: Any])
            let list = try #require(report["findings"] as? [[String: Any]])
            findings[result.fileName] = list.map { finding in
                ["rule", "kind", "severity", "field", "line", "value", "expected"].map { "\(finding[$0] ?? "nil")" }
            }
            #expect(result.verdict == .accepted)
        }
        #expect(findings["\(name).xlsx"] == findings["\(name).csv"])
        #expect(findings["\(name).csv"]?.count == (name == "two-consignments" ? 2 : 0))
    }
}
