import Foundation

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
    }

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

    public func summary(_ language: Language) -> String {
        let verdictText = verdict.map { TextReport.verdictWord($0, language) } ?? (language == .zhTW ? "無法讀取" : "unreadable")
        var line = "\(fileName): \(verdictText)"
        if let outputFolder { line += " → \(outputFolder.path)" }
        return line
    }
}

/// Processes the files waiting in an inbox once: claims each by renaming it into a hidden
/// folder, writes its reports and drafts into a new output folder, then moves the original to
/// the archive (or, if it could not be read to the end, to the failed folder).
public struct InboxProcessor {
    public var library: RuleLibrary
    public var folders: InboxFolders
    public var logger: Logger
    public var now: () -> Date = Date.init

    public init(library: RuleLibrary, folders: InboxFolders, logger: Logger) {
        self.library = library
        self.folders = folders
        self.logger = logger
    }

    /// Processes every waiting file, including files a crashed run left claimed.
    public func processWaitingFiles() throws -> [InboxResult] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folders.inbox.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputFileError(
                path: folders.inbox.path,
                message: LocalizedText(
                    zhTW: "找不到收件匣資料夾「\(folders.inbox.path)」。請建立它或以 --inbox 指定。",
                    en: "inbox folder '\(folders.inbox.path)' not found. Create it or give another with --inbox."),
                notFound: true)
        }
        let lock = try InboxLock(inbox: folders.inbox)
        defer { withExtendedLifetime(lock) {} }
        for folder in [folders.claimed, folders.outbox, folders.archive, folders.failed] {
            try SafeFileWriter.ensureFolder(folder)
        }
        logger.log(.info, "run started", [("inbox", folders.inbox.path)])

        var results: [InboxResult] = []
        // A file still in the claimed folder belongs to a run that stopped before finishing it.
        for name in try Self.listFiles(in: folders.claimed) {
            logger.log(.warning, "resuming file left claimed by an earlier run", [("file", name)])
            results.append(try process(claimedName: name))
        }
        for name in try Self.listFiles(in: folders.inbox) {
            guard InboxFilter.isConsignmentFile(name) else {
                if !InboxFilter.isIgnoredQuietly(name) {
                    logger.log(.info, "file skipped: not a consignment file", [("file", name)])
                }
                continue
            }
            let claimedURL = SafeFileWriter.unusedName(name, in: folders.claimed)
            do {
                try SafeFileWriter.moveWithoutReplacing(folders.inbox.appendingPathComponent(name), to: claimedURL)
            } catch let error as FileSystemError where error.code == ENOENT {
                continue
            }
            logger.log(.info, "file taken", [("file", name)])
            results.append(try process(claimedName: claimedURL.lastPathComponent, originalName: name))
        }
        logger.log(.info, "run finished", [("files", String(results.count))])
        return results
    }

    private func process(claimedName: String, originalName: String? = nil) throws -> InboxResult {
        let name = originalName ?? claimedName
        let claimedURL = folders.claimed.appendingPathComponent(claimedName)
        let validator = FileValidator(library: library)
        var report: FileReport?
        var readError: InputFileError?
        do {
            report = try validator.validate(claimedURL, displayPath: name, attachmentFolder: folders.inbox)
        } catch let error as InputFileError {
            readError = error
            logger.log(.error, "file could not be read", [("file", name), ("error", error.message.en)])
        }
        do {
            let stem = (name as NSString).deletingPathExtension
            let outputFolder = try SafeFileWriter.createUniqueFolder(
                in: folders.outbox, base: "\(OutputNames.safe(stem))-\(OutputNames.timestamp(now()))")
            var result = InboxResult(fileName: name, verdict: report?.checked.verdict, outputFolder: outputFolder)
            let failed: Bool
            if var report {
                try OutputWriter(library: library).write(&report, to: outputFolder)
                failed = report.checked.verdict == .incomplete
                if failed {
                    try copyReports(from: outputFolder, for: name)
                }
                logger.log(.info, "file checked", [
                    ("file", name), ("verdict", report.checked.verdict.rawValue), ("output", outputFolder.path),
                ])
            } else {
                failed = true
                let reason = readError?.message ?? LocalizedText(zhTW: "無法讀取檔案。", en: "The file could not be read.")
                try SafeFileWriter.writeNew(OutputWriter.unreadableNote(name: name, reason: reason), to: outputFolder.appendingPathComponent("report.txt"))
                try SafeFileWriter.writeNew(
                    OutputWriter.unreadableNote(name: name, reason: reason),
                    to: SafeFileWriter.unusedName("\(name).report.txt", in: folders.failed))
            }
            let destination = SafeFileWriter.unusedName(name, in: failed ? folders.failed : folders.archive)
            try SafeFileWriter.moveWithoutReplacing(claimedURL, to: destination)
            result.original = destination
            logger.log(.info, failed ? "original moved to failed folder" : "original archived", [("file", name), ("to", destination.path)])
            return result
        } catch let error as FileSystemError {
            // Leave the input where an exporter can see it and stop: the next run starts again.
            let back = SafeFileWriter.unusedName(name, in: folders.inbox)
            try? SafeFileWriter.moveWithoutReplacing(claimedURL, to: back)
            logger.log(.error, "output could not be written; file returned to the inbox", [
                ("file", name), ("error", error.message.en),
            ])
            throw error
        }
    }

    /// Puts copies of a failed file's reports beside it in the failed folder.
    private func copyReports(from outputFolder: URL, for name: String) throws {
        for report in ["report.json", "report.html"] {
            let source = outputFolder.appendingPathComponent(report)
            guard let data = FileManager.default.contents(atPath: source.path) else { continue }
            try SafeFileWriter.writeNew([UInt8](data), to: SafeFileWriter.unusedName("\(name).\(report)", in: folders.failed))
        }
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

/// Which inbox names are consignment files and which are never touched.
public enum InboxFilter {
    /// Temporary and lock files that office programs and copy tools leave while writing.
    public static func isTemporary(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return name.hasPrefix(".") || name.hasPrefix("~$") || name.hasPrefix(".~lock.")
            || lowered.hasSuffix(".part") || lowered.hasSuffix(".tmp") || lowered.hasSuffix(".crdownload") || lowered.hasSuffix("~")
    }

    public static func isConsignmentFile(_ name: String) -> Bool {
        !isTemporary(name) && FileValidator.format(of: URL(fileURLWithPath: name)) != nil
    }

    /// Attachments (PDF and images) lie in the inbox next to the CSV that names them.
    static func isIgnoredQuietly(_ name: String) -> Bool {
        isTemporary(name) || ["pdf", "jpg", "jpeg", "png", "tif", "tiff"].contains((name as NSString).pathExtension.lowercased())
    }
}
