import Foundation
import Testing
@testable import TracesPrepKit

/// `tracesprep history` on a ledger with three versions of one consignment.
@Suite("History command")
struct HistoryCommandTests {
    static let exporter = "Formosa Aquatic Products Co., Ltd."

    /// KH-H1 arrives rejected, then corrected, then unchanged in a file that adds a second consignment.
    static func prepare(_ site: LedgerSite) throws {
        try site.record("first.csv", text: LedgerSamples.wrongCheckDigit(reference: "KH-H1", exporter: exporter), at: "2026-12-01T01:00:00Z")
        let corrected = LedgerSamples.accepted(reference: "KH-H1", exporter: exporter)
        try site.record("second.csv", text: corrected, at: "2026-12-02T01:00:00Z")
        let otherRow = try #require(LedgerSamples.accepted(reference: "KH-H2", exporter: exporter).split(separator: "\n").last)
        try site.record("third.csv", text: corrected + otherRow + "\n", at: "2026-12-03T01:00:00Z")
    }

    @Test func jsonListsVersionsOldestFirst() throws {
        try withTemporaryFolder { folder in
            let site = try LedgerSite(root: folder)
            try Self.prepare(site)

            let run = runTool(["history", "KH-H1", "--ledger", site.ledgerPath, "--format", "json"])

            #expect(run.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            #expect(object["reference"] as? String == "KH-H1")
            let versions = object["versions"] as? [[String: Any]] ?? []
            #expect(versions.map { $0["version"] as? Int } == [1, 2, 3])
            #expect(versions.map { $0["file"] as? String } == ["first.csv", "second.csv", "third.csv"])
            #expect(versions.map { $0["received_at"] as? String } == [
                "2026-12-01T01:00:00Z", "2026-12-02T01:00:00Z", "2026-12-03T01:00:00Z",
            ])
            #expect(versions.map { $0["verdict"] as? String } == ["rejected", "accepted", "accepted"])
            #expect(versions[0]["content_changed"] is NSNull)
            #expect(versions[1]["content_changed"] as? Bool == true)
            #expect(versions[2]["content_changed"] as? Bool == false)
            #expect(versions[0]["drafts"] as? [String] == [])
            #expect(versions[1]["drafts"] as? [String] == ["KH-H1.sps.xml", "KH-H1.html"])
        }
    }

    @Test func textListsVersionsInChinese() throws {
        try withTemporaryFolder { folder in
            let site = try LedgerSite(root: folder)
            try Self.prepare(site)

            let run = runTool(["history", "KH-H1", "--ledger", site.ledgerPath, "--lang", "zh-TW"])

            #expect(run.status == 0)
            let lines = run.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.first == "KH-H1：3 個版本（時間為臺灣時間，UTC+8）")
            #expect(lines.count == 7)
            #expect(lines[1].hasPrefix("1. 2026-12-01 09:00  first.csv  退回  證書格式 "))
            #expect(lines[1].hasSuffix("  首次收到"))
            #expect(lines[2].hasPrefix("   草稿：無（於 "))
            #expect(lines[2].hasSuffix("/first-20261201T010000Z）"))
            #expect(lines[3].hasSuffix("  內容已變更"))
            #expect(lines[4].hasPrefix("   草稿：KH-H1.sps.xml、KH-H1.html（於 "))
            #expect(lines[4].hasSuffix("/second-20261202T010000Z）"))
            #expect(lines[5].hasSuffix("  內容與前一版相同"))
        }
    }

    @Test func unknownReferenceExits66() throws {
        try withTemporaryFolder { folder in
            let site = try LedgerSite(root: folder)
            try Self.prepare(site)

            let run = runTool(["history", "KH-NONE", "--ledger", site.ledgerPath, "--lang", "en"])

            #expect(run.status == 66)
            #expect(run.standardError.hasPrefix(
                "tracesprep: certificate reference 'KH-NONE' not found in the ledger '\(site.ledgerPath)'."))
            #expect(run.standardOutput == "")
        }
    }

    @Test func missingReferenceIsUsageError() throws {
        try withTemporaryFolder { folder in
            let site = try LedgerSite(root: folder)

            let run = runTool(["history", "--ledger", site.ledgerPath, "--lang", "en"])

            #expect(run.status == 64)
            #expect(run.standardError.hasPrefix("tracesprep: history needs exactly one certificate reference"))
        }
    }
}
