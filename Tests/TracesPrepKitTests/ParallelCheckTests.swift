import Foundation
import Testing

@testable import TracesPrepKit

/// Files large enough to be checked on several threads give the report one thread gives, with
/// every consignment and finding in file order.
@Suite struct ParallelCheckTests {
    /// 1,000 consignments of one line each; every seventh has a container number whose check
    /// digit should be 9, and every eleventh a blank consignee.
    static func largeFile() -> String {
        var csv = ConsignmentCSV.valid()
        let row = csv.rows[0]
        csv.rows = (1...1_000).map { number in
            var copy = row
            copy["certificate_reference"] = String(format: "KH-2026-%04d", number)
            if number % 7 == 0 { copy["container_number"] = "EMCU3811878" }
            if number % 11 == 0 { copy["consignee_name"] = "" }
            return copy
        }
        return csv.text()
    }

    @Test func threadsGiveSameReport() throws {
        try withTemporaryFolder { folder in
            let url = folder.appendingPathComponent("season.csv")
            try Data(Self.largeFile().utf8).write(to: url)
            let library = try loadedLibrary()

            let single = try FileValidator(library: library, threads: 1).validate(url).checked
            let several = try FileValidator(library: library, threads: 4).validate(url).checked

            // Up to 1,000 there are 142 multiples of 7 and 90 of 11.
            #expect(single.findings.filter { $0.rule == "container-number-check-digit" }.count == 142)
            #expect(single.findings.filter { $0.rule == "mandatory-consignment" }.count == 90)
            #expect(several.consignments.map(\.consignment.reference) == single.consignments.map(\.consignment.reference))
            #expect(several.consignments.first?.consignment.reference == "KH-2026-0001")
            #expect(several.consignments.last?.consignment.reference == "KH-2026-1000")
            #expect(several.findings == single.findings)
            #expect(several.consignments.map(\.verdict) == single.consignments.map(\.verdict))
        }
    }

    @Test("--threads rejects invalid values", arguments: ["0", "65", "two", "1.5"])
    func threadsInvalid(value: String) throws {
        try withTemporaryFolder { folder in
            let url = folder.appendingPathComponent("one.csv")
            try Data(ConsignmentCSV.valid().text().utf8).write(to: url)

            let run = runTool(["validate", url.path, "--rules", rulesFolder.path, "--lang", "en", "--threads", value])

            #expect(run.status == 64)
            #expect(run.standardError.contains("--threads takes a whole number from 1 to 64, not '\(value)'."))
        }
    }
}
