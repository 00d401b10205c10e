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
            results = try InboxProcessor(library: library, folders: folders, logger: logger, maxFileBytes: options.maxFileBytes, threads: options.threads).processWaitingFiles()
        } catch let busy as InboxLock.Busy {
            throw CommandFailure.inboxBusy(busy, inbox: inbox)
        } catch let error as FileSystemError {
            throw CommandFailure(.ioError, error.message)
        } catch let error as SQLiteError {
            throw CommandFailure.ledgerFailure(error, ledger: folders.ledger)
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
