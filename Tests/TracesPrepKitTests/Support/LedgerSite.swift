import Foundation
import Testing
@testable import TracesPrepKit

/// A site folder (`Inbox`, `Outbox`, `Archive`, `Failed` and `ledger.sqlite`) whose ledger is filled
/// the way `run` records files: claim, validate, write the outputs, record the outcome, archive.
/// Tests state each file's content and time, so the expected counts can be written by hand.
struct LedgerSite {
    let root: URL
    let ledger: Ledger
    let library: RuleLibrary

    var inbox: URL { root.appendingPathComponent("Inbox") }
    var outbox: URL { root.appendingPathComponent("Outbox") }
    var failed: URL { root.appendingPathComponent("Failed") }
    var archive: URL { root.appendingPathComponent("Archive") }
    var claimed: URL { inbox.appendingPathComponent(".claimed") }
    var ledgerPath: String { root.appendingPathComponent("ledger.sqlite").path }

    /// Creates the folders and an empty ledger in `root`.
    init(root: URL, library: RuleLibrary? = nil) throws {
        self.root = root
        self.library = try library ?? loadedLibrary()
        for folder in ["Inbox/.claimed", "Outbox", "Archive", "Failed"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        ledger = try Ledger(path: root.appendingPathComponent("ledger.sqlite").path)
    }

    /// How far `record` takes a file.
    enum Stage {
        /// Claimed only: the file stays in the claimed folder with no outcome.
        case claimed
        /// Outcome recorded, the original still in the claimed folder.
        case recorded
        /// Outcome recorded and the original moved to the archive, or to the failed folder when incomplete.
        case archived
    }

    /// Records `text` as a file named `name` received at `time` (ISO 8601 UTC) and returns its ledger id.
    /// A duplicate is recorded as the earlier file with the same bytes, without a report or outputs of its own.
    @discardableResult
    func record(
        _ name: String, text: String, at time: String, stage: Stage = .archived, attachmentFolder: URL? = nil
    ) throws -> Int64 {
        let bytes = Array(text.utf8)
        let claimedURL = SafeFileWriter.unusedName(name, in: claimed)
        try SafeFileWriter.writeNew(bytes, to: claimedURL)
        let date = try #require(LedgerTime.date(from: time))
        let stem = (name as NSString).deletingPathExtension
        let planned = outbox.appendingPathComponent("\(OutputNames.safe(stem))-\(OutputNames.timestamp(date))")
        let sha256 = SHA256.hexDigest(bytes)
        let id = try ledger.recordClaim(
            name: name, size: bytes.count, sha256: sha256, claimedPath: claimedURL.path,
            plannedOutputFolder: planned.path, at: time)
        guard stage != .claimed else { return id }

        let original = try ledger.originalFile(sha256: sha256, excluding: id)
        var report: FileReport?
        var outputFolder = planned
        if original == nil {
            var validated = try FileValidator(library: library).validate(
                claimedURL, displayPath: name, attachmentFolder: attachmentFolder ?? inbox)
            outputFolder = try SafeFileWriter.createUniqueFolder(in: outbox, base: planned.lastPathComponent)
            try OutputWriter(library: library).write(&validated, to: outputFolder)
            report = validated
        }
        let failedFile = report?.checked.verdict == .incomplete
        let destination = SafeFileWriter.unusedName(name, in: failedFile ? failed : archive)
        let finished = LedgerTime.string(from: date.addingTimeInterval(60))
        try ledger.recordOutcome(
            fileID: id, report: report, duplicateOf: original?.id, outputFolder: outputFolder.path,
            archivePath: destination.path, at: finished)
        guard stage == .archived else { return id }

        try SafeFileWriter.moveWithoutReplacing(claimedURL, to: destination)
        try ledger.markArchived(fileID: id)
        return id
    }
}

/// Consignment files for ledger tests, built from the valid tilapia consignment.
enum LedgerSamples {
    /// Returns the valid tilapia consignment with another reference and exporter.
    static func accepted(reference: String, exporter: String) -> String {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["certificate_reference"] = reference
        csv.rows[0]["consignor_name"] = exporter
        return csv.marked().text
    }

    /// Returns a consignment with one error: the container number's check digit should be 9
    /// (`container-number-check-digit`).
    static func wrongCheckDigit(reference: String, exporter: String) -> String {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["certificate_reference"] = reference
        csv.rows[0]["consignor_name"] = exporter
        csv.rows[0]["container_number"] = "EMCU3811878"
        return csv.marked().text
    }

    /// Returns a consignment with two errors: the check digit, and an empty consignee (`mandatory-consignment`).
    static func twoErrors(reference: String, exporter: String) -> String {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["certificate_reference"] = reference
        csv.rows[0]["consignor_name"] = exporter
        csv.rows[0]["container_number"] = "EMCU3811878"
        csv.rows[0]["consignee_name"] = ""
        return csv.marked().text
    }

    /// Returns a consignment with a quote that is never closed, so the file cannot be read to the end
    /// (`unclosed-quote`, incomplete).
    static func unclosedQuote(reference: String, exporter: String) -> String {
        accepted(reference: reference, exporter: exporter).replacingOccurrences(of: ",TL261201", with: ",\"TL261201")
    }
}
