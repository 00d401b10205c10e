import Foundation
import Testing
@testable import TracesPrepKit

@Suite("Annotated CSV")
struct AnnotatedCSVTests {
    /// The report test's file: line 2 has the container check-digit error and the extra
    /// `remarks` column gives a warning on the header line. The consignor's address here has
    /// a comma and quotes inside its cell.
    static let csv = ReportHTMLTests.csv.replacingOccurrences(
        of: #""No. 88, Yugang 1st Rd., Kaohsiung""#, with: #""No. 88, Yugang ""Pier"" Rd., Kaohsiung""#)

    static func annotated(_ csv: String = csv) throws -> [UInt8] {
        AnnotatedCSV.bytes(for: try OutputTestSupport.report(csv: csv))
    }

    /// Reads the copy back the way TracesPrep reads an exporter's file.
    static func parsed(_ bytes: [UInt8]) -> CSVTable {
        CSVParser.parse(TextDecoder.decode(bytes).text)
    }

    @Test func startsWithByteOrderMark() throws {
        let bytes = try Self.annotated()
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(TextDecoder.decode(bytes).encoding == .utf8BOM)
    }

    @Test func headerKeepsOriginalHeaders() throws {
        let table = Self.parsed(try Self.annotated())
        let expected = OutputTestSupport.header.split(separator: ",").map(String.init)
            + ["remarks", "TracesPrep 檢查結果 / findings"]
        #expect(table.records.first?.cells == expected)
    }

    @Test func recordKeepsItsCells() throws {
        let table = Self.parsed(try Self.annotated())
        let cells = try #require(table.records.dropFirst().first?.cells)
        #expect(cells[0] == "KH-2026-0102")
        #expect(cells[2] == #"No. 88, Yugang "Pier" Rd., Kaohsiung"#)
        #expect(cells[19] == "EMCU3811878")
        #expect(cells[29] == "urgent")
        #expect(cells.count == 31)
    }

    @Test func recordFindingInLastCell() throws {
        let table = Self.parsed(try Self.annotated())
        let cell = try #require(table.records.dropFirst().first?.cells.last)
        let lines = cell.split(separator: "\n").map(String.init)
        let checkDigit = try #require(lines.first { $0.contains("[container-number-check-digit]") })
        #expect(checkDigit.hasPrefix("error [container-number-check-digit] I.19「貨櫃號碼」「EMCU3811878」的檢查碼錯誤，依 ISO 6346 應為 9。"))
        #expect(checkDigit.contains(" / I.19 Container number 'EMCU3811878' has the wrong check digit: ISO 6346 gives 9."))
    }

    @Test func findingsOfOneRecordOnSeparateLines() throws {
        let table = Self.parsed(try Self.annotated())
        let cell = try #require(table.records.dropFirst().first?.cells.last)
        // Line 2: the check digit, no manufacturing plant, and origin taken from the consignor.
        #expect(cell.split(separator: "\n").count == 3)
    }

    @Test func headerFindingInLastRow() throws {
        let table = Self.parsed(try Self.annotated())
        #expect(table.records.count == 3)
        let last = try #require(table.records.last?.cells)
        #expect(last.count == 31)
        #expect(last.dropLast().allSatisfy { $0.isEmpty })
        #expect(last[30].hasPrefix("第 1 行 / line 1: warning [unknown-header] "))
    }

    @Test func linesEndWithCRLF() throws {
        let text = TextDecoder.decode(try Self.annotated()).text
        #expect(text.hasPrefix(OutputTestSupport.header + ",remarks,TracesPrep 檢查結果 / findings\r\n"))
        #expect(text.hasSuffix("\r\n"))
        // One CRLF per row: the header, one record and the row of header findings.
        #expect(text.components(separatedBy: "\r\n").count - 1 == 3)
    }

    @Test func semicolonFileKeepsDelimiter() throws {
        let csv = "certificate_reference;consignor_name;consignor_address\n"
            + "KH-2026-0103;Formosa Aquatic;\"No. 88; Kaohsiung\"\n"
        let text = TextDecoder.decode(try Self.annotated(csv)).text
        #expect(text.hasPrefix("certificate_reference;consignor_name;consignor_address;TracesPrep 檢查結果 / findings\r\n"))
        #expect(text.contains("KH-2026-0103;Formosa Aquatic;\"No. 88; Kaohsiung\";"))
    }

    @Test func shortRecordIsPadded() throws {
        let csv = "certificate_reference,consignor_name,consignor_address\nKH-2026-0104\n"
        let table = Self.parsed(try Self.annotated(csv))
        let cells = try #require(table.records.dropFirst().first?.cells)
        #expect(cells.count == 4)
        #expect(cells[0] == "KH-2026-0104")
        #expect(cells[1] == "")
        #expect(cells[2] == "")
    }
}
