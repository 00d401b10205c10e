import Testing
import TracesPrepKit

/// The order of findings in a report: by line, then by the file's column order.
@Suite("Finding order")
struct FindingOrderTests {
    @Test("findings on one line follow column order")
    func columnOrderWithinLine() throws {
        // transport_mode stands left of imo_number in the file, while the field ids sort the other way.
        let (_, report) = try validateValid { csv in
            csv.rows[0]["transport_mode"] = "Submarine"
            csv.rows[0]["imo_number"] = "IMO9074728"
        }

        let rules = report.checked.findings.map(\.rule)
        let modeIndex = try #require(rules.firstIndex(of: "code-list"))
        let imoIndex = try #require(rules.firstIndex(of: "imo-number-check-digit"))
        #expect(modeIndex < imoIndex)
    }
}
