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
        let processor = InboxProcessor(library: library, folders: folders, log: { tool.standardError($0 + "\n") })
        let results = try processor.processWaitingFiles()
        for result in results {
            tool.standardOutput(result.summary(language) + "\n")
        }
        return .success
    }
}
