import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folders `run` works with.
public struct InboxFolders: Sendable {
    public var inbox: URL
    public var outbox: URL
    public var archive: URL
    public var failed: URL

    /// Archive and Failed default to folders beside the inbox.
    public init(inbox: URL, outbox: URL) {
        self.inbox = inbox
        self.outbox = outbox
        let parent = inbox.standardizedFileURL.deletingLastPathComponent()
        archive = parent.appendingPathComponent("Archive")
        failed = parent.appendingPathComponent("Failed")
        ledger = parent.appendingPathComponent("ledger.sqlite")
    }

    /// The SQLite ledger; by default `ledger.sqlite` beside the inbox.
    public var ledger: URL

    /// Folder for claimed files while they are processed. Its name is hidden, so it is never taken as new.
    var claimed: URL { inbox.appendingPathComponent(".claimed") }
}

/// Outcome of processing one inbox file.
public struct InboxResult: Sendable {
    public var fileName: String
    /// Nil when the file could not be read at all.
    public var verdict: Verdict?
    /// The folder holding its reports and drafts.
    public var outputFolder: URL?
    /// New location of the original, in the archive or the failed folder.
    public var original: URL?
    /// The ledger id of the earlier file with the same content, for a duplicate.
    public var duplicateOf: Int64?

    public func summary(_ language: Language) -> String {
        let verdictText: String
        if duplicateOf != nil {
            verdictText = language == .zhTW ? "重複的檔案，未再次處理" : "duplicate, not processed again"
        } else {
            verdictText = verdict.map { TextReport.verdictWord($0, language) } ?? (language == .zhTW ? "無法讀取" : "unreadable")
        }
        var line = "\(fileName): \(verdictText)"
        if let outputFolder { line += " → \(outputFolder.path)" }
        if duplicateOf == nil, verdict != .accepted, verdict != .rejected, let original {
            line += language == .zhTW ? "；原檔已移到 \(original.path)" : "; original moved to \(original.path)"
        }
        return line
    }
}

/// Processes the files waiting in an inbox once, in an order that a crash at any instant
/// leaves repairable:
/// 1. claim: rename the file into the hidden `.claimed` folder, then record the claim (with its
///    planned output folder) in the ledger;
/// 2. write: reports and drafts go into `Outbox/.partial-ID`, renamed to the planned folder when complete;
/// 3. record: the outcome, consignments and findings in one ledger transaction;
/// 4. archive: rename the original into the archive (or failed) folder, then mark it archived.
/// The next start finishes every file the ledger shows unfinished: a claimed file is processed
/// again after its partial outputs are removed, a recorded one is only moved.
public struct InboxProcessor {
    public var library: RuleLibrary
    public var folders: InboxFolders
    public var logger: Logger
    public var now: () -> Date = Date.init
    /// Files larger than this are not read (see `FileValidator.maxFileBytes`).
    public var maxFileBytes: Int
    /// The maximum number of threads that check one file's consignments.
    public var threads: Int

    public init(
        library: RuleLibrary, folders: InboxFolders, logger: Logger, maxFileBytes: Int = FileValidator.defaultMaxFileBytes,
        threads: Int = RuleEngine.defaultThreads
    ) {
        self.library = library
        self.folders = folders
        self.logger = logger
        self.maxFileBytes = maxFileBytes
        self.threads = threads
    }

    /// Processes every waiting file, after finishing the files an earlier run left unfinished.
    public func processWaitingFiles() throws -> [InboxResult] {
        try checkInboxExists()
        let lock = try InboxLock(inbox: folders.inbox)
        defer { withExtendedLifetime(lock) {} }
        return try processWhileLocked(names: nil)
    }

    /// Processes the given inbox names (or all waiting files when nil); the caller holds the lock.
    public func processWhileLocked(names: [String]?) throws -> [InboxResult] {
        for folder in [folders.claimed, folders.outbox, folders.archive, folders.failed] {
            try SafeFileWriter.ensureFolder(folder)
        }
        let ledger = try Ledger(path: folders.ledger.path)
        if names == nil {
            logger.log(.info, "run started", [("inbox", folders.inbox.path), ("ledger", folders.ledger.path)])
        }
        var results = try recover(ledger)
        let waiting = try names ?? Self.listFiles(in: folders.inbox)
        for name in waiting {
            guard InboxFilter.isConsignmentFile(name) else {
                if !InboxFilter.isIgnoredQuietly(name) {
                    logger.log(.info, "file skipped: not a consignment file", [("file", name)])
                }
                continue
            }
            guard let claimed = try claim(name, ledger: ledger) else { continue }
            results.append(try finish(claimed, ledger: ledger))
        }
        if names == nil {
            logger.log(.info, "run finished", [("files", String(results.count))])
        }
        return results
    }

    private func checkInboxExists() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folders.inbox.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputFileError(
                path: folders.inbox.path,
                message: LocalizedText(
                    zhTW: "找不到收件匣資料夾「\(folders.inbox.path)」。請建立它或以 --inbox 指定。",
                    en: "inbox folder '\(folders.inbox.path)' not found. Create it or give another with --inbox."),
                notFound: true)
        }
    }

    // MARK: - Claim

    /// Moves a waiting file into the claimed folder and records the claim; nil when the file
    /// vanished before it could be claimed.
    private func claim(_ name: String, ledger: Ledger) throws -> LedgerFile? {
        let source = folders.inbox.appendingPathComponent(name)
        let claimedURL = SafeFileWriter.unusedName(name, in: folders.claimed)
        if rename(source.path, claimedURL.path) != 0 {
            if errno == ENOENT { return nil }
            let error = FileSystemError(path: source.path, operation: "move to", code: errno)
            logger.log(.error, "file could not be claimed", [("file", name), ("error", error.message.en)])
            throw error
        }
        logger.log(.info, "file taken", [("file", name)])
        return try recordClaim(name: name, claimedURL: claimedURL, ledger: ledger)
    }

    private func recordClaim(name: String, claimedURL: URL, ledger: Ledger) throws -> LedgerFile {
        do {
            let bytes = try Self.readBytes(claimedURL)
            let stem = OutputNames.safe((name as NSString).deletingPathExtension)
            let planned = plannedOutputFolder(base: "\(stem)-\(OutputNames.timestamp(now()))", ledger: ledger)
            let id = try ledger.recordClaim(
                name: name, size: bytes.count, sha256: SHA256.hexDigest(bytes), claimedPath: claimedURL.path,
                plannedOutputFolder: planned.path, at: Self.isoTime(now()))
            return try ledger.file(id: id)!
        } catch {
            returnToInbox(claimedURL, name: name, error: error)
            throw error
        }
    }

    /// Picks a folder name in the outbox that neither exists nor is planned for an unfinished file.
    private func plannedOutputFolder(base: String, ledger: Ledger) -> URL {
        let planned = Set(((try? ledger.unfinishedFiles()) ?? []).compactMap(\.outputFolder))
        for attempt in 1...100_000 {
            let url = folders.outbox.appendingPathComponent(attempt == 1 ? base : "\(base)-\(attempt)")
            if !FileManager.default.fileExists(atPath: url.path) && !planned.contains(url.path) { return url }
        }
        return folders.outbox.appendingPathComponent("\(base)-\(UUID().uuidString)")
    }

    // MARK: - Write, record, archive

    /// Carries a file from its ledger state to the archive.
    private func finish(_ file: LedgerFile, ledger: Ledger) throws -> InboxResult {
        var file = file
        let claimedURL = URL(fileURLWithPath: file.claimedPath)
        if file.state == .claimed {
            do {
                try writeAndRecord(&file, claimedURL: claimedURL, ledger: ledger)
            } catch let error where Self.isStorageFailure(error) {
                // Leave the input where the exporter put it; the next run starts it again.
                removePartialOutputs(of: file)
                returnToInbox(claimedURL, name: file.name, error: error)
                try? ledger.forget(fileID: file.id)
                throw error
            }
        }
        let archiveURL = URL(fileURLWithPath: file.archivePath ?? "")
        if FileManager.default.fileExists(atPath: claimedURL.path) {
            if FileManager.default.fileExists(atPath: archiveURL.path) {
                // A copy across file systems finished before the crash: the claimed copy is spare.
                unlink(claimedURL.path)
            } else if rename(claimedURL.path, archiveURL.path) != 0 {
                if errno == EXDEV {
                    try SafeFileWriter.moveWithoutReplacing(claimedURL, to: archiveURL)
                } else {
                    throw FileSystemError(path: archiveURL.path, operation: "move to", code: errno)
                }
            }
        }
        let failed = file.duplicateOf == nil && file.verdict != .accepted && file.verdict != .rejected
        if failed, let output = file.outputFolder {
            try copyReports(from: URL(fileURLWithPath: output), besides: archiveURL)
        }
        try ledger.markArchived(fileID: file.id)
        logger.log(failed ? .warning : .info, failed ? "original moved to failed folder" : "original archived", [
            ("file", file.name), ("to", archiveURL.path),
        ])
        return InboxResult(
            fileName: file.name, verdict: file.verdict, outputFolder: file.outputFolder.map { URL(fileURLWithPath: $0) },
            original: archiveURL, duplicateOf: file.duplicateOf)
    }

    private func writeAndRecord(_ file: inout LedgerFile, claimedURL: URL, ledger: Ledger) throws {
        removePartialOutputs(of: file)
        let partial = folders.outbox.appendingPathComponent(".partial-\(file.id)")
        try SafeFileWriter.ensureFolder(partial)
        var report: FileReport?
        var readError: InputFileError?
        do {
            report = try FileValidator(library: library, maxFileBytes: maxFileBytes, threads: threads).validate(claimedURL, displayPath: file.name, attachmentFolder: folders.inbox)
        } catch let error as InputFileError {
            readError = error
            logger.log(.error, "file could not be read", [("file", file.name), ("error", error.message.en)])
        }
        let original = try duplicatedFile(file, report: report, ledger: ledger)
        if let original {
            report = nil
            try DuplicateReport.write(file: file, original: original, to: partial)
            logger.log(.info, "file is a duplicate", [("file", file.name), ("duplicate_of", original.name)])
        } else if var checked = report {
            try OutputWriter(library: library).write(&checked, to: partial)
            report = checked
            logger.log(.info, "file checked", [("file", file.name), ("verdict", checked.checked.verdict.rawValue)])
        } else {
            let reason = readError?.message ?? LocalizedText(zhTW: "無法讀取檔案。", en: "The file could not be read.")
            try SafeFileWriter.writeNew(
                OutputWriter.unreadableNote(name: file.name, reason: reason), to: partial.appendingPathComponent("report.txt"))
        }
        let output = URL(fileURLWithPath: file.outputFolder ?? folders.outbox.appendingPathComponent("\(file.id)").path)
        if rename(partial.path, output.path) != 0 {
            throw FileSystemError(path: output.path, operation: "create", code: errno)
        }
        let failed = original == nil && report.map { $0.checked.verdict == .incomplete } ?? true
        let archive = SafeFileWriter.unusedName(file.name, in: failed ? folders.failed : folders.archive)
        try ledger.recordOutcome(
            fileID: file.id, report: report, duplicateOf: original?.id, outputFolder: output.path, archivePath: archive.path,
            at: Self.isoTime(now()))
        file = try ledger.file(id: file.id) ?? file
        logger.log(.info, "outcome recorded", [("file", file.name), ("output", output.path)])
    }

    /// The earlier file this one repeats: the same bytes, checked with the same outcome (verdict
    /// and findings). A resend after the exporter added a missing attachment, or after the rules
    /// changed, has another outcome and is processed again; so is a file that could not be read.
    /// Returns the newest earlier file with the same content that got the same verdict and
    /// findings, if any. Every earlier result counts: after a resend whose missing attachment had
    /// arrived, a third identical send matches the second, not the rejected first.
    private func duplicatedFile(_ file: LedgerFile, report: FileReport?, ledger: Ledger) throws -> LedgerFile? {
        guard let report, report.checked.verdict != .incomplete else { return nil }
        let signature = Ledger.findingSignature(report.checked.findings)
        for original in try ledger.originalFiles(sha256: file.sha256, excluding: file.id)
        where original.verdict == report.checked.verdict {
            if try ledger.findingSignature(fileID: original.id) == signature { return original }
        }
        return nil
    }

    // MARK: - Recovery

    /// Finishes what an earlier run left: ledger files not archived, claimed files the ledger
    /// never recorded, and partial output folders.
    private func recover(_ ledger: Ledger) throws -> [InboxResult] {
        var results: [InboxResult] = []
        for file in try ledger.unfinishedFiles() {
            if file.state == .claimed && !FileManager.default.fileExists(atPath: file.claimedPath) {
                // The claim was undone (the file went back to the inbox) before the ledger noted it.
                removePartialOutputs(of: file)
                try ledger.forget(fileID: file.id)
                continue
            }
            logger.log(.warning, "resuming file left unfinished by an earlier run", [("file", file.name), ("state", file.state.rawValue)])
            results.append(try finish(file, ledger: ledger))
        }
        for name in try Self.listFiles(in: folders.claimed) {
            let claimedURL = folders.claimed.appendingPathComponent(name)
            guard try ledger.file(claimedPath: claimedURL.path) == nil else { continue }
            logger.log(.warning, "resuming file claimed but not recorded by an earlier run", [("file", name)])
            results.append(try finish(try recordClaim(name: name, claimedURL: claimedURL, ledger: ledger), ledger: ledger))
        }
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: folders.outbox.path)) ?? [])
            .filter { $0.hasPrefix(".partial-") }
        for name in leftovers {
            try? FileManager.default.removeItem(at: folders.outbox.appendingPathComponent(name))
        }
        return results
    }

    /// Removes the outputs of a file whose outcome was not recorded: its partial folder and,
    /// if the rename happened, its planned output folder.
    private func removePartialOutputs(of file: LedgerFile) {
        try? FileManager.default.removeItem(at: folders.outbox.appendingPathComponent(".partial-\(file.id)"))
        if file.state == .claimed, let output = file.outputFolder {
            try? FileManager.default.removeItem(atPath: output)
        }
    }

    private func returnToInbox(_ claimedURL: URL, name: String, error: Error) {
        let back = SafeFileWriter.unusedName(name, in: folders.inbox)
        if rename(claimedURL.path, back.path) != 0 {
            logger.log(.error, "file could not be returned to the inbox", [("file", name), ("path", claimedURL.path)])
        }
        logger.log(.error, "output could not be written; file returned to the inbox", [
            ("file", name), ("error", String(describing: error)),
        ])
    }

    /// Puts copies of a failed file's reports beside it in the failed folder; copies already
    /// there (from a run that stopped after writing them) are kept.
    private func copyReports(from outputFolder: URL, besides original: URL) throws {
        for report in ["report.json", "report.html", "report.txt"] {
            let source = outputFolder.appendingPathComponent(report)
            let destination = URL(fileURLWithPath: original.path + "." + report)
            guard let data = FileManager.default.contents(atPath: source.path),
                  !FileManager.default.fileExists(atPath: destination.path)
            else { continue }
            try SafeFileWriter.writeNew([UInt8](data), to: destination)
        }
    }

    // MARK: - Helpers

    static func isStorageFailure(_ error: Error) -> Bool {
        if error is FileSystemError { return true }
        if let sqlite = error as? SQLiteError { return sqlite.isStorageFailure }
        return false
    }

    static func readBytes(_ url: URL) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw FileSystemError(path: url.path, operation: "read", code: EIO)
        }
    }

    /// `2026-12-04T20:00:00Z`: UTC, as the ledger stores times.
    static func isoTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Regular files directly in a folder, sorted by name, hidden ones left out.
    static func listFiles(in folder: URL) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw FileSystemError(path: folder.path, operation: "read", code: EACCES)
        }
        return names.filter { name in
            guard !name.hasPrefix(".") else { return false }
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
                && !isFolder.boolValue
        }.sorted()
    }
}

/// Rules for which inbox names are consignment files and which are never touched.
public enum InboxFilter {
    /// Temporary and lock files that office programs and copy tools leave while writing.
    public static func isTemporary(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return name.hasPrefix(".") || name.hasPrefix("~$") || name.hasPrefix(".~lock.")
            || lowered.hasSuffix(".part") || lowered.hasSuffix(".tmp") || lowered.hasSuffix(".crdownload") || lowered.hasSuffix("~")
    }

    /// Spreadsheet formats an exporter may drop instead of CSV. They are taken like consignment
    /// files so that their report (in the failed folder) tells the exporter how to save them.
    public static let spreadsheetExtensions: Set<String> = ["xlsx", "xlsm", "xls", "ods", "numbers"]

    public static func isConsignmentFile(_ name: String) -> Bool {
        guard !isTemporary(name) else { return false }
        let pathExtension = (name as NSString).pathExtension.lowercased()
        return FileValidator.format(of: URL(fileURLWithPath: name)) != nil || spreadsheetExtensions.contains(pathExtension)
    }

    /// Attachments (PDF and images) lie in the inbox next to the CSV that names them.
    static func isIgnoredQuietly(_ name: String) -> Bool {
        isTemporary(name) || ["pdf", "jpg", "jpeg", "png", "tif", "tiff"].contains((name as NSString).pathExtension.lowercased())
    }
}
