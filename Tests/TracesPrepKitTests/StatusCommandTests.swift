import Foundation
import Testing
@testable import TracesPrepKit

/// `tracesprep status` on an inbox prepared with files in every state.
@Suite("Status command")
struct StatusCommandTests {
    static let exporter = "Formosa Aquatic Products Co., Ltd."

    /// Fills `site` and returns the Taiwan display time of the recent files.
    ///
    /// Inbox: `waiting.csv`, plus names `status` leaves out (a lock file, a hidden file, a PDF).
    /// Claimed folder: `g.csv` (claimed in the ledger), `r.csv` (outcome recorded), `orphan.csv` (not in the ledger).
    /// Failed folder: `f.csv` (incomplete in the ledger), `old.csv` with its report copy (not in the ledger).
    /// Ledger only: `h.csv`, unreadable an hour ago, and `ancient.csv`, unreadable 8 days ago.
    static func prepare(_ site: LedgerSite) throws -> String {
        let recent = Date().addingTimeInterval(-3600)
        let recentText = LedgerTime.string(from: recent)
        for name in ["waiting.csv", "~$waiting.csv", ".hidden.csv", "bl-123.pdf"] {
            try Data("x".utf8).write(to: site.inbox.appendingPathComponent(name))
        }
        try site.record("g.csv", text: LedgerSamples.accepted(reference: "KH-G", exporter: exporter), at: recentText, stage: .claimed)
        try site.record("r.csv", text: LedgerSamples.accepted(reference: "KH-R", exporter: exporter), at: recentText, stage: .recorded)
        try Data("x".utf8).write(to: site.claimed.appendingPathComponent("orphan.csv"))
        try site.record("f.csv", text: LedgerSamples.unclosedQuote(reference: "KH-F", exporter: exporter), at: recentText)
        try Data("x".utf8).write(to: site.failed.appendingPathComponent("old.csv"))
        try Data("x".utf8).write(to: site.failed.appendingPathComponent("old.csv.report.txt"))
        for (name, time) in [("h.csv", recent), ("ancient.csv", recent.addingTimeInterval(-8 * 24 * 3600))] {
            let id = try site.ledger.recordClaim(
                name: name, size: 1, sha256: name, claimedPath: site.claimed.appendingPathComponent(name).path,
                plannedOutputFolder: site.outbox.appendingPathComponent(name).path, at: LedgerTime.string(from: time))
            try site.ledger.recordOutcome(
                fileID: id, report: nil, duplicateOf: nil, outputFolder: site.outbox.appendingPathComponent(name).path,
                archivePath: site.failed.appendingPathComponent(name).path, at: LedgerTime.string(from: time))
            try site.ledger.markArchived(fileID: id)
        }
        return LedgerTime.taiwanDisplay(recent)
    }

    @Test func listsEachStateInEnglish() throws {
        try withTemporaryFolder { folder in
            let site = try LedgerSite(root: folder)
            let time = try Self.prepare(site)

            let run = runTool(["status", "--inbox", site.inbox.path, "--lang", "en"])

            #expect(run.status == 0)
            #expect(run.standardError == "")
            #expect(run.standardOutput == """
                Inbox: \(site.inbox.path)
                Ledger: \(site.ledgerPath)
                Times are Taiwan time (UTC+8).
                Waiting: 1 file
                  waiting.csv
                In progress: 3 files
                  g.csv (received \(time), outcome not recorded yet)
                  orphan.csv (in the claimed folder, not in the ledger)
                  r.csv (received \(time), outcome recorded: accepted, original not moved yet)
                Failed: 3 files
                  f.csv (incomplete, received \(time))
                  old.csv (in the failed folder)
                  h.csv (incomplete, received \(time), not in the failed folder)

                """)
        }
    }

    @Test func listsEachStateInChinese() throws {
        try withTemporaryFolder { folder in
            let site = try LedgerSite(root: folder)
            let time = try Self.prepare(site)

            let run = runTool(["status", "--inbox", site.inbox.path, "--lang", "zh-TW"])

            #expect(run.status == 0)
            #expect(run.standardOutput.contains("等待中：1 個檔案\n  waiting.csv\n"))
            #expect(run.standardOutput.contains("處理中：3 個檔案\n  g.csv（\(time) 收到，結果尚未記錄）\n"))
            #expect(run.standardOutput.contains("失敗：3 個檔案\n  f.csv（未完成，\(time) 收到）\n"))
        }
    }

    @Test func withoutLedgerListsFolders() throws {
        try withTemporaryFolder { folder in
            let inbox = folder.appendingPathComponent("Inbox")
            try FileManager.default.createDirectory(at: inbox.appendingPathComponent(".claimed"), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: inbox.appendingPathComponent("a.csv"))
            try Data("x".utf8).write(to: inbox.appendingPathComponent(".claimed/b.csv"))

            let run = runTool(["status", "--inbox", inbox.path, "--lang", "en"])

            #expect(run.status == 0)
            #expect(run.standardOutput.contains("(not found; listing the folders only)"))
            #expect(run.standardOutput.contains("Waiting: 1 file\n  a.csv\n"))
            #expect(run.standardOutput.contains("In progress: 1 file\n  b.csv (in the claimed folder)\n"))
            #expect(run.standardOutput.hasSuffix("Failed: 0 files\n"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ledger.sqlite").path))
        }
    }

    @Test func missingInboxExits66() throws {
        try withTemporaryFolder { folder in
            let inbox = folder.appendingPathComponent("Nowhere")

            let run = runTool(["status", "--inbox", inbox.path, "--lang", "en"])

            #expect(run.status == 66)
            #expect(run.standardError.hasPrefix("tracesprep: inbox folder '\(inbox.path)' not found."))
        }
    }
}
