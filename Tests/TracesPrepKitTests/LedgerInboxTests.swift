import Foundation
import Testing
@testable import TracesPrepKit

/// The ledger as `run` keeps it: duplicates, consignment versions and repair after a crash.
@Suite("Ledger and recovery")
struct LedgerInboxTests {
    typealias Site = InboxProcessorTests

    static func ledger(_ site: URL) throws -> Ledger {
        try Ledger(path: site.appendingPathComponent("ledger.sqlite").path)
    }

    static func count(_ ledger: Ledger, _ sql: String) throws -> Int64 {
        try ledger.database.query(sql) { $0.integer(0) ?? -1 }.first ?? -1
    }

    @Test("same file dropped twice is processed once")
    func duplicateProcessedOnce() throws {
        let site = try Site.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let processor = try Site.processor(site: site)

        try Site.twoConsignments.write(to: site.appendingPathComponent("Inbox/monday.csv"), atomically: true, encoding: .utf8)
        _ = try processor.processWaitingFiles()
        try Site.twoConsignments.write(to: site.appendingPathComponent("Inbox/tuesday.csv"), atomically: true, encoding: .utf8)
        let second = try processor.processWaitingFiles()

        #expect(second.count == 1)
        #expect(second.first?.duplicateOf != nil)
        let output = try #require(second.first?.outputFolder)
        #expect(Site.names(in: output) == ["report.html", "report.json"])
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("report.json"))) as? [String: Any]
        let original = report?["duplicate_of"] as? [String: Any]
        #expect(original?["name"] as? String == "monday.csv")
        #expect(Site.names(in: site.appendingPathComponent("Archive")) == ["monday.csv", "tuesday.csv"])

        let ledger = try Self.ledger(site)
        #expect(try Self.count(ledger, "SELECT COUNT(*) FROM files") == 2)
        #expect(try Self.count(ledger, "SELECT COUNT(*) FROM files WHERE duplicate_of IS NOT NULL") == 1)
        // Only the first file's two consignments were checked and recorded.
        #expect(try Self.count(ledger, "SELECT COUNT(*) FROM consignments") == 2)
        // The officers' summary links the duplicate's own report, which names the original.
        let overview = try #require(try ledger.fileOverviews(receivedSince: "2000-01-01T00:00:00Z").last)
        #expect(overview.reportFolder == output.path)
    }

    @Test("resend with the missing attachment is rechecked")
    func resendWithAttachmentRechecked() throws {
        let site = try Site.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let processor = try Site.processor(site: site)
        // Both consignments name a bill of lading that is not in the inbox yet.
        let withDocument = Site.twoConsignments
            .replacingOccurrences(of: "net_weight\n", with: "net_weight,document_type,document_number,document_file\n")
            .replacingOccurrences(of: ",6000\n", with: ",6000,Bill of lading,BL-1,docs/bl.pdf\n")
        try withDocument.write(to: site.appendingPathComponent("Inbox/att.csv"), atomically: true, encoding: .utf8)
        let first = try processor.processWaitingFiles()
        #expect(first.first?.verdict == .rejected)

        try FileManager.default.createDirectory(at: site.appendingPathComponent("Inbox/docs"), withIntermediateDirectories: true)
        try Data("%PDF-1.4\n".utf8).write(to: site.appendingPathComponent("Inbox/docs/bl.pdf"))
        try withDocument.write(to: site.appendingPathComponent("Inbox/att-again.csv"), atomically: true, encoding: .utf8)
        let second = try processor.processWaitingFiles()

        #expect(second.first?.duplicateOf == nil)
        let output = try #require(second.first?.outputFolder)
        // KH-1 now passes and gets its draft; KH-2 still lacks its entry BCP.
        #expect(Site.names(in: output).contains("KH-1.sps.xml"))

        // A third identical send has the second's result, so it writes no drafts again.
        try withDocument.write(to: site.appendingPathComponent("Inbox/att-third.csv"), atomically: true, encoding: .utf8)
        let third = try processor.processWaitingFiles()

        let secondID = try #require(try Self.ledger(site).files(receivedSince: "2000-01-01T00:00:00Z")
            .first { $0.name == "att-again.csv" }?.id)
        #expect(third.first?.duplicateOf == secondID)
        let thirdOutput = try #require(third.first?.outputFolder)
        #expect(Site.names(in: thirdOutput) == ["report.html", "report.json"])
    }

    @Test("unreadable file resent goes to failed again")
    func unreadableResendFailsAgain() throws {
        let site = try Site.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let processor = try Site.processor(site: site)
        let broken = "certificate_reference,consignor_name\nKH-1,\"unclosed\n"
        try broken.write(to: site.appendingPathComponent("Inbox/a.csv"), atomically: true, encoding: .utf8)
        _ = try processor.processWaitingFiles()
        try broken.write(to: site.appendingPathComponent("Inbox/b.csv"), atomically: true, encoding: .utf8)

        let second = try processor.processWaitingFiles()

        #expect(second.first?.duplicateOf == nil)
        #expect(second.first?.verdict == .incomplete)
        #expect(Site.names(in: site.appendingPathComponent("Failed")).contains("b.csv"))
    }

    @Test("new version of a consignment links the earlier")
    func consignmentVersionsLinked() throws {
        let site = try Site.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let processor = try Site.processor(site: site)

        try Site.twoConsignments.write(to: site.appendingPathComponent("Inbox/first.csv"), atomically: true, encoding: .utf8)
        _ = try processor.processWaitingFiles()
        // The same references with the gross weight changed on every row.
        let revised = Site.twoConsignments.replacingOccurrences(of: ",6500,", with: ",6600,")
        try revised.write(to: site.appendingPathComponent("Inbox/second.csv"), atomically: true, encoding: .utf8)
        _ = try processor.processWaitingFiles()

        let versions = try Self.ledger(site).versions(of: "KH-1")
        #expect(versions.count == 2)
        #expect(versions.first?.previousID == nil)
        #expect(versions.last?.previousID == versions.first?.id)
        #expect(versions.first?.contentSHA256 != versions.last?.contentSHA256)
        #expect(versions.map(\.fileName) == ["first.csv", "second.csv"])
    }

    @Test("claimed file without ledger record is processed")
    func recoverUnrecordedClaim() throws {
        let site = try Site.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        // A run that stopped right after renaming the file into the claimed folder.
        let claimed = site.appendingPathComponent("Inbox/.claimed")
        try FileManager.default.createDirectory(at: claimed, withIntermediateDirectories: true)
        try Site.twoConsignments.write(to: claimed.appendingPathComponent("batch.csv"), atomically: true, encoding: .utf8)

        let results = try Site.processor(site: site).processWaitingFiles()

        #expect(results.map(\.fileName) == ["batch.csv"])
        #expect(Site.names(in: claimed).isEmpty)
        #expect(Site.names(in: site.appendingPathComponent("Archive")) == ["batch.csv"])
        #expect(try Self.count(try Self.ledger(site), "SELECT COUNT(*) FROM files WHERE state = 'archived'") == 1)
    }

    @Test("claimed record with partial outputs is redone once")
    func recoverClaimWithPartialOutputs() throws {
        let site = try Site.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let claimed = site.appendingPathComponent("Inbox/.claimed")
        let outbox = site.appendingPathComponent("Outbox")
        try FileManager.default.createDirectory(at: claimed, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        let claimedFile = claimed.appendingPathComponent("batch.csv")
        try Site.twoConsignments.write(to: claimedFile, atomically: true, encoding: .utf8)
        // A run that recorded the claim, renamed a half-written output folder into place and stopped.
        let planned = outbox.appendingPathComponent("batch-20261130T005320Z")
        let ledger = try Self.ledger(site)
        let id = try ledger.recordClaim(
            name: "batch.csv", size: 10, sha256: "0", claimedPath: claimedFile.path, plannedOutputFolder: planned.path,
            at: "2026-11-30T00:53:20Z")
        try FileManager.default.createDirectory(at: planned, withIntermediateDirectories: true)
        try Data("{".utf8).write(to: planned.appendingPathComponent("report.json"))
        try FileManager.default.createDirectory(at: outbox.appendingPathComponent(".partial-\(id)"), withIntermediateDirectories: true)

        let results = try Site.processor(site: site).processWaitingFiles()

        #expect(results.count == 1)
        #expect(Site.names(in: outbox) == ["batch-20261130T005320Z"])
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: planned.appendingPathComponent("report.json"))) as? [String: Any]
        #expect(report?["verdict"] as? String == "rejected")
        #expect(try Self.count(ledger, "SELECT COUNT(*) FROM files") == 1)
        #expect(try Self.count(ledger, "SELECT COUNT(*) FROM consignments") == 2)
        #expect(Site.names(in: site.appendingPathComponent("Archive")) == ["batch.csv"])
    }

    @Test("recorded file is only moved to the archive")
    func recoverRecordedFile() throws {
        let site = try Site.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let claimed = site.appendingPathComponent("Inbox/.claimed")
        let outbox = site.appendingPathComponent("Outbox")
        try FileManager.default.createDirectory(at: claimed, withIntermediateDirectories: true)
        let output = outbox.appendingPathComponent("batch-20261130T005320Z")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: output.appendingPathComponent("report.json"))
        let claimedFile = claimed.appendingPathComponent("batch.csv")
        try Site.twoConsignments.write(to: claimedFile, atomically: true, encoding: .utf8)
        // A run that recorded the outcome and stopped before moving the original.
        let ledger = try Self.ledger(site)
        let id = try ledger.recordClaim(
            name: "batch.csv", size: 10, sha256: "0", claimedPath: claimedFile.path, plannedOutputFolder: output.path,
            at: "2026-11-30T00:53:20Z")
        let archive = site.appendingPathComponent("Archive/batch.csv")
        try ledger.recordOutcome(
            fileID: id, report: nil, duplicateOf: nil, outputFolder: output.path, archivePath: archive.path, at: "2026-11-30T00:53:21Z")

        let results = try Site.processor(site: site).processWaitingFiles()

        #expect(results.count == 1)
        #expect(try String(contentsOf: output.appendingPathComponent("report.json"), encoding: .utf8) == "kept")
        #expect(try String(contentsOf: archive, encoding: .utf8) == Site.twoConsignments)
        #expect(try ledger.file(id: id)?.state == .archived)
    }

    @Test("full disk leaves the input in the inbox", .enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func fullDiskLeavesInput() throws {
        let site = try Site.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let outbox = site.appendingPathComponent("Outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        #expect(Self.shell("mount -t tmpfs -o size=64k tmpfs '\(outbox.path)'") == 0)
        defer { _ = Self.shell("umount '\(outbox.path)'") }
        // Fill the outbox so that no report fits.
        _ = Self.shell("dd if=/dev/zero of='\(outbox.path)/filler' bs=1k count=64 2>/dev/null")
        let input = site.appendingPathComponent("Inbox/batch.csv")
        try Site.twoConsignments.write(to: input, atomically: true, encoding: .utf8)

        #expect(throws: FileSystemError.self) { try Site.processor(site: site).processWaitingFiles() }

        #expect(Site.names(in: site.appendingPathComponent("Inbox")) == ["batch.csv"])
        #expect(try String(contentsOf: input, encoding: .utf8) == Site.twoConsignments)
        #expect(Site.names(in: site.appendingPathComponent("Archive")).isEmpty)
        #expect(try Self.count(try Self.ledger(site), "SELECT COUNT(*) FROM files") == 0)
    }

    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        do {
            try process.run()
        } catch {
            return -1
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
