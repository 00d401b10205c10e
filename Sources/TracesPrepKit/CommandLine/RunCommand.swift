import Foundation

/// `tracesprep run`: processes every file waiting in the inbox once, for cron.
struct RunCommand {
    var tool: CommandLineTool
    var options: ParsedOptions
    var language: Language

    func run() throws -> ExitStatus {
        let library = try tool.loadLibrary(options)
        let inbox = URL(fileURLWithPath: options.inbox ?? "Inbox")
        let outbox = URL(fileURLWithPath: options.outbox ?? "Outbox")
        var folders = InboxFolders(inbox: inbox, outbox: outbox)
        if let archive = options.archive { folders.archive = URL(fileURLWithPath: archive) }
        if let failed = options.failed { folders.failed = URL(fileURLWithPath: failed) }
        if let ledger = options.ledger { folders.ledger = URL(fileURLWithPath: ledger) }
        let errorSink = tool.standardError
        let logger = Logger(sink: { errorSink($0 + "\n") })
        let results: [InboxResult]
        do {
            results = try InboxProcessor(library: library, folders: folders, logger: logger).processWaitingFiles()
        } catch let busy as InboxLock.Busy {
            throw CommandFailure(.busy, LocalizedText(
                zhTW: "另一個 tracesprep（程序編號 \(busy.holder)）正在處理收件匣「\(inbox.path)」。請等它結束後再執行；鎖定會在該程序結束時自動解除。",
                en: "another tracesprep (process id \(busy.holder)) is working on the inbox '\(inbox.path)'. Run again when it has finished; the lock is released when that process ends."))
        } catch let error as FileSystemError {
            throw CommandFailure(.ioError, error.message)
        } catch let error as SQLiteError {
            let message = LocalizedText(
                zhTW: "無法使用帳冊「\(folders.ledger.path)」：\(error)。請確認磁碟空間與權限。",
                en: "cannot use the ledger '\(folders.ledger.path)': \(error). Check free disk space and permissions.")
            throw CommandFailure(error.isStorageFailure ? .ioError : .incomplete, message)
        }
        for result in results {
            tool.standardOutput(result.summary(language) + "\n")
        }
        // A rejected file is a normal outcome of run, but one that could not be read to the end
        // needs a person, so cron reports it.
        if results.contains(where: { $0.duplicateOf == nil && $0.verdict != .accepted && $0.verdict != .rejected }) {
            return .incomplete
        }
        return .success
    }
}
