import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Processing of chosen inbox files, for `watch`, which holds the inbox lock for its whole life
/// and decides itself when a file is complete. `processWaitingFiles()` cannot serve it, because
/// that method takes the lock itself and takes every waiting file, including one still being copied.
extension InboxProcessor {
    /// Claims and processes the named inbox files in order, as `processWaitingFiles()` does with
    /// each file. The caller must hold the `InboxLock`. A name that is gone from the inbox, or
    /// that is not a consignment file, is skipped.
    /// - Throws: `FileSystemError` when a folder cannot be created, a file cannot be claimed, or
    ///   its outputs cannot be written. The file in hand is then back in the inbox, and the files
    ///   after it were not touched.
    public func processFiles(named names: [String]) throws -> [InboxResult] {
        for folder in [folders.claimed, folders.outbox, folders.archive, folders.failed] {
            try SafeFileWriter.ensureFolder(folder)
        }
        var results: [InboxResult] = []
        for name in names where InboxFilter.isConsignmentFile(name) {
            let claimedURL = SafeFileWriter.unusedName(name, in: folders.claimed)
            do {
                try SafeFileWriter.moveWithoutReplacing(folders.inbox.appendingPathComponent(name), to: claimedURL)
            } catch let error as FileSystemError where error.code == ENOENT {
                continue
            }
            logger.log(.info, "file taken", [("file", name)])
            results.append(try processClaimedFile(claimedURL.lastPathComponent, originalName: name))
        }
        return results
    }

    /// Moves files that a stopped run or watch left in the claimed folder back into the inbox,
    /// where they are processed like new files. Returns their names in the inbox.
    /// - Throws: `FileSystemError` when the claimed folder cannot be read or a file cannot be moved.
    public func returnClaimedFilesToInbox() throws -> [String] {
        var returned: [String] = []
        for name in try Self.listFiles(in: folders.claimed) {
            let destination = SafeFileWriter.unusedName(name, in: folders.inbox)
            try SafeFileWriter.moveWithoutReplacing(folders.claimed.appendingPathComponent(name), to: destination)
            logger.log(.warning, "file left claimed by an earlier run returned to the inbox", [
                ("file", destination.lastPathComponent),
            ])
            returned.append(destination.lastPathComponent)
        }
        return returned
    }

    // MARK: - One claimed file

    // TODO: merge with the private `process(claimedName:originalName:)` and `copyReports(from:for:)`
    // in InboxProcessor.swift. These are copies because an extension in another file cannot call
    // private methods. Until then, make any change to how `run` writes outputs in both places.
    private func processClaimedFile(_ claimedName: String, originalName name: String) throws -> InboxResult {
        let claimedURL = folders.claimed.appendingPathComponent(claimedName)
        var report: FileReport?
        var readError: InputFileError?
        do {
            report = try FileValidator(library: library).validate(claimedURL, displayPath: name, attachmentFolder: folders.inbox)
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
                    try copyReportsToFailedFolder(from: outputFolder, for: name)
                }
                logger.log(.info, "file checked", [
                    ("file", name), ("verdict", report.checked.verdict.rawValue), ("output", outputFolder.path),
                ])
            } else {
                failed = true
                let reason = readError?.message ?? LocalizedText(zhTW: "無法讀取檔案。", en: "The file could not be read.")
                let note = OutputWriter.unreadableNote(name: name, reason: reason)
                try SafeFileWriter.writeNew(note, to: outputFolder.appendingPathComponent("report.txt"))
                try SafeFileWriter.writeNew(note, to: SafeFileWriter.unusedName("\(name).report.txt", in: folders.failed))
            }
            let destination = SafeFileWriter.unusedName(name, in: failed ? folders.failed : folders.archive)
            try SafeFileWriter.moveWithoutReplacing(claimedURL, to: destination)
            result.original = destination
            logger.log(.info, failed ? "original moved to failed folder" : "original archived", [
                ("file", name), ("to", destination.path),
            ])
            return result
        } catch let error as FileSystemError {
            // Put the input back where the exporter can see it. The caller retries it later.
            let back = SafeFileWriter.unusedName(name, in: folders.inbox)
            try? SafeFileWriter.moveWithoutReplacing(claimedURL, to: back)
            logger.log(.error, "output could not be written; file returned to the inbox", [
                ("file", name), ("error", error.message.en),
            ])
            throw error
        }
    }

    private func copyReportsToFailedFolder(from outputFolder: URL, for name: String) throws {
        for report in ["report.json", "report.html"] {
            let source = outputFolder.appendingPathComponent(report)
            guard let data = FileManager.default.contents(atPath: source.path) else { continue }
            try SafeFileWriter.writeNew([UInt8](data), to: SafeFileWriter.unusedName("\(name).\(report)", in: folders.failed))
        }
    }
}
