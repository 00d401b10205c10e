import Foundation
import Testing
import TracesPrepKit

/// Values Excel mangled, each kind in a CSV saved by Excel and in a workbook.
@Suite("Excel damage")
struct ExcelDamageTests {
    /// The finding a workbook test expects on row 2 of the valid consignment.
    func cellFinding(
        _ rule: String, _ kind: FindingKind, _ severity: Severity, at reference: String, value: String, expected: String?
    ) -> ExpectedFinding {
        ExpectedFinding(rule: rule, kind: kind, severity: severity, box: "I.25", line: 2, column: reference, value: value, expected: expected)
    }

    // MARK: - Leading zero

    @Test("cn-code-leading-zero: number cell")
    func leadingZeroInWorkbook() throws {
        var workbook = WorkbookBuilder.consignment()
        workbook.set("cn_code", to: .number("3046100"))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            cellFinding("cn-code-leading-zero", .excelDamage, .error, at: "Sheet1!AB2", value: "3046100", expected: "03046100"),
        ])
    }

    @Test("cn-code-leading-zero: LibreOffice workbook")
    func leadingZeroInLibreOfficeWorkbook() throws {
        // Examples/tilapia-fishery.csv converted by LibreOffice 7.4 with default import settings,
        // which read the CN code 03046100 as the number 3046100.
        let url = try #require(Bundle.module.url(forResource: "Fixtures/libreoffice-lost-zero.xlsx", withExtension: nil))
        let examples = rulesFolder.deletingLastPathComponent().appendingPathComponent("Examples")

        let report = try FileValidator(library: loadedLibrary()).validate(url, attachmentFolder: examples)

        expectFindings(report.checked.findings, [
            cellFinding("cn-code-leading-zero", .excelDamage, .error, at: "consignments!AD2", value: "3046100", expected: "03046100"),
        ])
    }

    // MARK: - Scientific notation

    @Test("excel-scientific-notation: CSV batch number")
    func scientificInCSV() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["batch_number"] = "2.61201E+11⟦excel-scientific-notation⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "excel-scientific-notation": FindingDetails(.excelDamage, .error, box: "I.25", value: "2.61201E+11"),
        ]))
        #expect(report.checked.findings.first?.message.en.contains("digits of the original number were lost") == true)
    }

    @Test("excel-scientific-notation: CSV CN code")
    func scientificCNCode() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "3.0461E+07⟦excel-scientific-notation⟧"
        }

        // The damage replaces the format finding the CN code would otherwise get.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "excel-scientific-notation": FindingDetails(.excelDamage, .error, box: "I.25", value: "3.0461E+07"),
        ]))
    }

    @Test("excel-scientific-notation: workbook keeps the digits")
    func scientificInWorkbook() throws {
        // Excel's General format shows 261201123456 as 2.61201E+11, but the cell still stores every digit.
        var workbook = WorkbookBuilder.consignment()
        workbook.set("batch_number", to: .number("261201123456"))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            cellFinding("excel-scientific-notation", .excelDamage, .error, at: "Sheet1!AJ2", value: "2.61201E+11", expected: "261201123456"),
        ])
        #expect(report.checked.findings.first?.message.en.contains("The value was probably 261201123456.") == true)
    }

    @Test("excel-scientific-notation: more than 15 digits")
    func scientificBeyondPrecision() throws {
        // Excel keeps 15 significant digits, so the last digits of a longer number are gone.
        var workbook = WorkbookBuilder.consignment()
        workbook.set("batch_number", to: .number("1.23456789012345E+19"))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            cellFinding("excel-scientific-notation", .excelDamage, .error, at: "Sheet1!AJ2", value: "1.23457E+19", expected: nil),
        ])
    }

    // MARK: - Dates

    @Test("excel-date-in-code: CSV 3-04")
    func dateCodeInCSV() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "3-04⟦excel-date-in-code⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "excel-date-in-code": FindingDetails(.excelDamage, .error, box: "I.25", value: "3-04", expected: "0304"),
        ]))
    }

    @Test("excel-date-in-code: CSV 4-Mar")
    func monthNameCodeInCSV() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "4-Mar⟦excel-date-in-code⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "excel-date-in-code": FindingDetails(.excelDamage, .error, box: "I.25", value: "4-Mar", expected: "0304"),
        ]))
    }

    @Test("excel-date-in-code: CSV quantity")
    func dateQuantityInCSV() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["package_count"] = "6-12⟦excel-date-in-code⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "excel-date-in-code": FindingDetails(.excelDamage, .error, box: "I.25", value: "6-12"),
        ]))
    }

    @Test("excel-date-in-code: date cell")
    func dateCodeInWorkbook() throws {
        // Serial 46085 is 2026-03-04 in the 1900 date system.
        var workbook = WorkbookBuilder.consignment()
        workbook.set("cn_code", to: .number("46085", .date))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            cellFinding("excel-date-in-code", .excelDamage, .error, at: "Sheet1!AB2", value: "2026-03-04", expected: "0304"),
        ])
    }

    // MARK: - Decimal mark

    @Test("excel-decimal-separator: CSV 6000,50")
    func ambiguousCommaInCSV() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["net_weight"] = "6000,50⟦excel-decimal-separator⟧"
        }

        // Neither 600050 nor 6000.5 is assumed.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "excel-decimal-separator": FindingDetails(.excelDamage, .error, box: "I.25", value: "6000,50"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["total_net_weight"] == nil)
    }

    @Test("excel-decimal-separator: CSV 6.000,50")
    func europeanNumberInCSV() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["net_weight"] = "6.000,50 kg⟦excel-decimal-separator⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "excel-decimal-separator": FindingDetails(.excelDamage, .error, box: "I.25", value: "6.000,50 kg", expected: "6000.5"),
        ]))
    }

    @Test("excel-decimal-separator: text cell")
    func ambiguousCommaInWorkbook() throws {
        var workbook = WorkbookBuilder.consignment()
        workbook.set("net_weight", to: .inline("6000,50"))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            cellFinding("excel-decimal-separator", .excelDamage, .error, at: "Sheet1!AI2", value: "6000,50", expected: nil),
        ])
    }

    @Test("thousands separator 6,000 is read")
    func thousandsSeparator() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["net_weight"] = "6,000⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.25", value: "6,000", expected: "6000"),
        ]))
    }

    // MARK: - Codes stored as numbers

    @Test("excel-code-stored-as-number: padded CN code")
    func codeStoredAsNumber() throws {
        // The format 00000000 shows 3046100 as 03046100, so only saving as CSV would lose the zero.
        var workbook = WorkbookBuilder.consignment()
        workbook.set("cn_code", to: .number("3046100", .zeroPadded))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            cellFinding("excel-code-stored-as-number", .excelDamage, .warning, at: "Sheet1!AB2", value: "03046100", expected: "03046100"),
        ])
        #expect(report.checked.verdict == .accepted)
    }

    @Test("quantity stored as number is fine")
    func quantityStoredAsNumber() throws {
        var workbook = WorkbookBuilder.consignment()
        workbook.set("package_count", to: .number("600"))
        workbook.set("net_weight", to: .number("6000"))
        workbook.set("total_gross_weight", to: .number("6500"))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [])
        #expect(report.autofilled("KH-2026-0001")["total_net_weight"] == "6000")
    }

    // MARK: - Trailing empty columns and rows

    @Test("empty columns and rows dropped: CSV")
    func trailingBlanksInCSV() throws {
        let text = ConsignmentCSV.valid().text()
        let lines = text.split(separator: "\n").map { $0 + ",,," }
        let fixture = MarkedText(lines.joined(separator: "\n") + "\n,,,,\n,,\n")

        let report = try validate(fixture)

        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "empty-columns-dropped", kind: .excelDamage, severity: .info, box: nil, line: 1, column: nil),
            ExpectedFinding(rule: "empty-rows-dropped", kind: .excelDamage, severity: .info, box: nil, line: 3, column: nil),
        ])
        let messages = report.checked.findings.map(\.message.en)
        #expect(messages.contains { $0.hasPrefix("3 empty columns to the right of the table") })
        #expect(messages.contains { $0.hasPrefix("2 empty rows at the end, from line 3,") })
        #expect(report.checked.file.records.count == 1)
    }

    @Test("empty columns and rows dropped: workbook")
    func trailingBlanksInWorkbook() throws {
        var workbook = WorkbookBuilder.consignment()
        let width = workbook.columns.count
        workbook.sheets[0].rows[1]![width + 1] = .styledEmpty
        workbook.sheets[0].rows[4] = [0: .styledEmpty, 3: .text(" ")]

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "empty-columns-dropped", kind: .excelDamage, severity: .info, box: nil, line: 1, column: nil),
            ExpectedFinding(rule: "empty-rows-dropped", kind: .excelDamage, severity: .info, box: nil, line: 4, column: nil),
        ])
    }
}
