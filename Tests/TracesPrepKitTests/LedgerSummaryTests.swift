import Foundation
import Testing
@testable import TracesPrepKit

/// `LedgerSummary`, its HTML and JSON, and `tracesprep summary`, on a ledger of known files.
@Suite("Ledger summary")
struct LedgerSummaryTests {
    static let formosa = "Formosa Aquatic Products Co., Ltd."
    static let keelung = "Keelung <&> Harbour Foods"

    /// The period starts at 2026-12-04 00:00 Taiwan time, which is 2026-12-03T16:00:00Z.
    static let since = LedgerTime.date(from: "2026-12-03T16:00:00Z")!
    static let until = LedgerTime.date(from: "2026-12-04T12:00:00Z")!

    /// Records eight files; the first was received before the period.
    ///
    /// | file   | received (UTC)       | exporter | outcome                                         |
    /// |--------|----------------------|----------|-------------------------------------------------|
    /// | a.csv  | 2026-12-03T01:00:00Z | Formosa  | accepted, before the period                     |
    /// | b.csv  | 2026-12-03T16:00:00Z | Formosa  | accepted, at the period's start                 |
    /// | c.csv  | 2026-12-04T01:00:00Z | Keelung  | rejected: 1 check-digit error                   |
    /// | d.csv  | 2026-12-04T02:00:00Z | Formosa  | duplicate of b.csv                              |
    /// | e.csv  | 2026-12-04T03:00:00Z | Keelung  | rejected: check digit and empty consignee       |
    /// | f.csv  | 2026-12-04T04:00:00Z | Formosa  | incomplete: unclosed quote; info: batch number  |
    /// |        |                      |          | read without the line end the open quote took   |
    /// | g.csv  | 2026-12-04T05:00:00Z | unknown  | claimed, no outcome yet                         |
    /// | h.csv  | 2026-12-04T06:00:00Z | unknown  | recorded without a report (could not be read)   |
    static func fill(_ site: LedgerSite) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        ids["a"] = try site.record("a.csv", text: LedgerSamples.accepted(reference: "KH-A", exporter: formosa), at: "2026-12-03T01:00:00Z")
        let bText = LedgerSamples.accepted(reference: "KH-B", exporter: formosa)
        ids["b"] = try site.record("b.csv", text: bText, at: "2026-12-03T16:00:00Z")
        ids["c"] = try site.record("c.csv", text: LedgerSamples.wrongCheckDigit(reference: "KL-C", exporter: keelung), at: "2026-12-04T01:00:00Z")
        ids["d"] = try site.record("d.csv", text: bText, at: "2026-12-04T02:00:00Z")
        ids["e"] = try site.record("e.csv", text: LedgerSamples.twoErrors(reference: "KL-E", exporter: keelung), at: "2026-12-04T03:00:00Z")
        ids["f"] = try site.record("f.csv", text: LedgerSamples.unclosedQuote(reference: "KH-F", exporter: formosa), at: "2026-12-04T04:00:00Z")
        ids["g"] = try site.record(
            "g.csv", text: LedgerSamples.accepted(reference: "KH-G", exporter: formosa), at: "2026-12-04T05:00:00Z", stage: .claimed)
        let h = try site.ledger.recordClaim(
            name: "h.csv", size: 3, sha256: "unreadable", claimedPath: site.claimed.appendingPathComponent("h.csv").path,
            plannedOutputFolder: site.outbox.appendingPathComponent("h-20261204T060000Z").path, at: "2026-12-04T06:00:00Z")
        try site.ledger.recordOutcome(
            fileID: h, report: nil, duplicateOf: nil, outputFolder: site.outbox.appendingPathComponent("h-20261204T060000Z").path,
            archivePath: site.failed.appendingPathComponent("h.csv").path, at: "2026-12-04T06:01:00Z")
        try site.ledger.markArchived(fileID: h)
        ids["h"] = h
        return ids
    }

    /// Runs `body` with a freshly filled site and its summary for the period.
    static func withSummary(_ body: (LedgerSite, LedgerSummary, [String: Int64]) throws -> Void) throws {
        try withTemporaryFolder { folder in
            let site = try LedgerSite(root: folder)
            let ids = try fill(site)
            try body(site, try LedgerSummary(ledger: site.ledger, since: since, until: until), ids)
        }
    }

    // MARK: - Counts

    @Test func totalsCountEachOutcome() throws {
        try Self.withSummary { _, summary, _ in
            let totals = summary.totals
            #expect(totals.received == 7)
            #expect(totals.accepted == 2)
            #expect(totals.rejected == 2)
            #expect(totals.incomplete == 2)
            #expect(totals.inProgress == 1)
            #expect(totals.duplicates == 1)
        }
    }

    @Test func filesInReceiptOrder() throws {
        try Self.withSummary { _, summary, _ in
            #expect(summary.files.map(\.file.name) == ["b.csv", "c.csv", "d.csv", "e.csv", "f.csv", "g.csv", "h.csv"])
            #expect(summary.files.map(\.verdict) == [.accepted, .rejected, .accepted, .rejected, .incomplete, nil, .incomplete])
            #expect(summary.files.map(\.errors) == [0, 1, 0, 2, 1, 0, 0])
            #expect(summary.files.map(\.infos) == [0, 0, 0, 0, 1, 0, 0])
        }
    }

    @Test func duplicateTakesOriginalsVerdictAndReport() throws {
        try Self.withSummary { site, summary, ids in
            let duplicate = try #require(summary.files.first { $0.file.name == "d.csv" })
            #expect(duplicate.file.duplicateOf == ids["b"])
            #expect(duplicate.verdict == .accepted)
            #expect(duplicate.file.exporter == Self.formosa)
            #expect(duplicate.consignments == 1)
            let original = try #require(summary.files.first { $0.file.name == "b.csv" })
            #expect(summary.reports[duplicate.file.id] == summary.reports[original.file.id])
            #expect(summary.reports[original.file.id]?.hasPrefix(site.outbox.path + "/b-20261203T160000Z/") == true)
        }
    }

    @Test func exportersGroupedWithUnknownLast() throws {
        try Self.withSummary { _, summary, _ in
            #expect(summary.exporters.map(\.exporter) == [Self.formosa, Self.keelung, nil])
            let formosa = summary.exporters[0].totals
            #expect(formosa.received == 3)
            #expect(formosa.accepted == 2)
            #expect(formosa.incomplete == 1)
            #expect(formosa.duplicates == 1)
            let keelung = summary.exporters[1].totals
            #expect(keelung.received == 2)
            #expect(keelung.rejected == 2)
            let unknown = summary.exporters[2].totals
            #expect(unknown.received == 2)
            #expect(unknown.inProgress == 1)
            #expect(unknown.incomplete == 1)
        }
    }

    @Test func rulesCountFindingsAndFiles() throws {
        try Self.withSummary { _, summary, _ in
            let rows = summary.rules.map { "\($0.rule) \($0.severity.rawValue) \($0.kind) \($0.findings) \($0.files)" }
            #expect(rows == [
                "container-number-check-digit error check-digit 2 2",
                "mandatory-consignment error missing 1 1",
                "unclosed-quote error structure 1 1",
                "value-normalized info normalized 1 1",
            ])
        }
    }

    @Test func frequentErrorsHaveSampleMessages() throws {
        try Self.withSummary { _, summary, _ in
            #expect(summary.frequentErrors.map(\.count.rule) == [
                "container-number-check-digit", "mandatory-consignment", "unclosed-quote",
            ])
            let sample = try #require(summary.frequentErrors.first?.sampleMessage)
            #expect(sample.en.contains("Container number 'EMCU3811878' has the wrong check digit"))
            #expect(sample.zhTW.contains("「EMCU3811878」的檢查碼錯誤"))
        }
    }

    // MARK: - HTML and JSON

    @Test func htmlEscapesExporterName() throws {
        try Self.withSummary { site, summary, _ in
            let page = SummaryHTML.page(for: summary, summaryFolder: site.outbox.appendingPathComponent("summaries"), outbox: site.outbox)
            #expect(page.contains("<td>Keelung &lt;&amp;&gt; Harbour Foods</td>"))
            #expect(!page.contains("Keelung <&>"))
            #expect(!page.contains("<script"))
        }
    }

    @Test func htmlShowsTaiwanTimesAndRelativeLinks() throws {
        try Self.withSummary { site, summary, _ in
            let page = SummaryHTML.page(for: summary, summaryFolder: site.outbox.appendingPathComponent("summaries"), outbox: site.outbox)
            #expect(page.contains("2026-12-04 00:00 – 2026-12-04 20:00"))
            #expect(page.contains("<td class=\"time\">2026-12-04 09:00</td><td>c.csv"))
            #expect(page.contains("<a href=\"../c-20261204T010000Z/report.html\">report.html</a>"))
            #expect(page.contains("重複，同 b.csv / duplicate of b.csv"))
        }
    }

    @Test func linkOutsideOutboxIsFileURL() {
        let outbox = URL(fileURLWithPath: "/srv/tracesprep/Outbox")
        let folder = outbox.appendingPathComponent("summaries")

        let inside = SummaryHTML.link(to: "/srv/tracesprep/Outbox/批次 1/report.html", from: folder, outbox: outbox)
        let outside = SummaryHTML.link(to: "/mnt/old outbox/x/report.html", from: folder, outbox: outbox)

        #expect(inside == "../%E6%89%B9%E6%AC%A1%201/report.html")
        #expect(outside == "file:///mnt/old%20outbox/x/report.html")
    }

    @Test func jsonHasTotalsAndFiles() throws {
        try Self.withSummary { _, summary, ids in
            let text = SummaryJSON.document(for: summary).serialized()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let period = object["period"] as? [String: Any]
            #expect(period?["since"] as? String == "2026-12-03T16:00:00Z")
            #expect(period?["until"] as? String == "2026-12-04T12:00:00Z")
            let totals = object["totals"] as? [String: Int]
            #expect(totals == ["received": 7, "accepted": 2, "rejected": 2, "incomplete": 2, "in_progress": 1, "duplicates": 1])
            let exporters = object["exporters"] as? [[String: Any]] ?? []
            #expect(exporters.map { $0["exporter"] as? String } == [Self.formosa, Self.keelung, "(unknown)"])
            let files = object["files"] as? [[String: Any]] ?? []
            #expect(files.count == 7)
            let duplicate = files.first { $0["name"] as? String == "d.csv" }
            #expect((duplicate?["duplicate_of"] as? Int).map(Int64.init) == ids["b"])
            #expect(duplicate?["verdict"] as? String == "accepted")
            let frequent = object["frequent_errors"] as? [[String: Any]] ?? []
            #expect(frequent.first?["errors"] as? Int == 2)
            #expect((frequent.first?["sample_message"] as? [String: String])?.keys.sorted() == ["en", "zh-TW"])
        }
    }

    // MARK: - Command

    @Test func commandWritesBothFilesAndPrintsPaths() throws {
        try withTemporaryFolder { folder in
            let site = try LedgerSite(root: folder)
            _ = try Self.fill(site)
            let arguments = ["summary", "--ledger", site.ledgerPath, "--outbox", site.outbox.path, "--since", "2026-12-04"]

            let first = runTool(arguments)
            let second = runTool(arguments)

            #expect(first.status == 0)
            #expect(first.standardError == "")
            let paths = first.standardOutput.split(separator: "\n").map(String.init)
            #expect(paths.count == 2)
            #expect(paths.first?.hasSuffix(".html") == true)
            #expect(paths.last?.hasSuffix(".json") == true)
            #expect(paths.allSatisfy { $0.hasPrefix(site.outbox.path + "/summaries/summary-") })
            #expect(paths.allSatisfy { FileManager.default.fileExists(atPath: $0) })
            #expect(second.status == 0)
            #expect(Set(second.standardOutput.split(separator: "\n").map(String.init)).isDisjoint(with: paths))
        }
    }

    @Test func pairNeverReplacesEarlierSummary() throws {
        try withTemporaryFolder { folder in
            let first = try SummaryCommand.writeNewPair(html: "one", json: "1", in: folder, base: "summary-20261204T200000Z")
            let second = try SummaryCommand.writeNewPair(html: "two", json: "2", in: folder, base: "summary-20261204T200000Z")

            #expect(first.html.lastPathComponent == "summary-20261204T200000Z.html")
            #expect(second.html.lastPathComponent == "summary-20261204T200000Z-2.html")
            #expect(second.json.lastPathComponent == "summary-20261204T200000Z-2.json")
            #expect(try String(contentsOf: first.html, encoding: .utf8) == "one")
        }
    }

    @Test func commandRejectsInvalidSince() throws {
        try withTemporaryFolder { folder in
            let site = try LedgerSite(root: folder)

            let run = runTool(["summary", "--ledger", site.ledgerPath, "--since", "yesterday", "--lang", "en"])

            #expect(run.status == 64)
            #expect(run.standardError.contains("invalid --since value 'yesterday'"))
            #expect(run.standardOutput == "")
        }
    }

    @Test func commandMissingLedgerExits66() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("absent.sqlite").path

            let run = runTool(["summary", "--ledger", path, "--lang", "en"])

            #expect(run.status == 66)
            #expect(run.standardError.hasPrefix("tracesprep: ledger '\(path)' not found."))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }
}
