import Foundation
import Testing
import TracesPrepKit

@Suite("Reading CSV files")
struct ReaderTests {
    @Test("valid UTF-8 file has no findings")
    func validUTF8() throws {
        let report = try validate(ConsignmentCSV.valid().marked())

        expectFindings(report.checked.findings, [])
        #expect(report.checked.verdict == .accepted)
        #expect(report.checked.file.encoding == .utf8)
        #expect(report.checked.file.delimiter == ",")
        #expect(report.checked.consignments.count == 1)
    }
}
