import Foundation

/// `tracesprep summary`: writes an HTML and a JSON summary of the ledger for a period into
/// `Outbox/summaries/` and prints their paths.
struct SummaryCommand {
    var tool: CommandLineTool
    var options: ParsedOptions
    var language: Language

    func run() throws -> ExitStatus {
        if let extra = options.files.first {
            throw CommandFailure(.usage, LocalizedText(
                zhTW: "summary 不接受檔案或其他參數，但收到「\(extra)」。", en: "summary takes no arguments, but got '\(extra)'."))
        }
        let now = Date()
        let since = try SinceOption.parse(options.since ?? SinceOption.defaultValue, now: now)
        let ledgerPath = LedgerOption.path(options)
        let ledger = try LedgerOption.openExisting(at: ledgerPath)
        let summary = try LedgerOption.readingLedger(at: ledgerPath) {
            try LedgerSummary(ledger: ledger, since: since, until: now)
        }

        let outbox = URL(fileURLWithPath: options.outbox ?? "Outbox").standardizedFileURL
        let folder = outbox.appendingPathComponent("summaries")
        do {
            try SafeFileWriter.ensureFolder(folder)
            let html = SummaryHTML.page(for: summary, summaryFolder: folder, outbox: outbox)
            let json = SummaryJSON.document(for: summary).serialized() + "\n"
            let written = try Self.writeNewPair(html: html, json: json, in: folder, base: "summary-\(OutputNames.timestamp(now))")
            tool.standardOutput(written.html.path + "\n" + written.json.path + "\n")
        } catch let error as FileSystemError {
            throw CommandFailure(.ioError, error.message)
        }
        return .success
    }

    /// Writes `<base>.html` and `<base>.json`, or `<base>-2.html` and `<base>-2.json` and so on,
    /// choosing a stem that neither file has yet, so no earlier summary is replaced.
    static func writeNewPair(html: String, json: String, in folder: URL, base: String) throws -> (html: URL, json: URL) {
        for attempt in 1...1_000 {
            let stem = attempt == 1 ? base : "\(base)-\(attempt)"
            let htmlURL = folder.appendingPathComponent(stem + ".html")
            let jsonURL = folder.appendingPathComponent(stem + ".json")
            if FileManager.default.fileExists(atPath: htmlURL.path) || FileManager.default.fileExists(atPath: jsonURL.path) {
                continue
            }
            do {
                try SafeFileWriter.writeNew(html, to: htmlURL)
            } catch let error as FileSystemError where error.alreadyExists {
                // Another summary took the name since the check above.
                continue
            }
            try SafeFileWriter.writeNew(json, to: jsonURL)
            return (htmlURL, jsonURL)
        }
        throw FileSystemError(path: folder.appendingPathComponent(base + ".html").path, operation: "create", code: EEXIST)
    }
}
