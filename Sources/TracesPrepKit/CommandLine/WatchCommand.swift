import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `tracesprep watch`: processes inbox files as they arrive, until SIGINT or SIGTERM.
struct WatchCommand {
    var tool: CommandLineTool
    var options: ParsedOptions
    var language: Language

    /// The rule library in use. SIGHUP replaces it, and the watcher reads it before each file.
    /// Both happen on the watcher's thread, so it needs no lock.
    private final class CurrentLibrary {
        var library: RuleLibrary

        init(_ library: RuleLibrary) {
            self.library = library
        }
    }

    func run() throws -> ExitStatus {
        // Block the signals first, while this is the only thread, because threads created later
        // inherit the blocked signals.
        let signals = try SignalReceiver([SIGINT, SIGTERM, SIGHUP])
        let current = CurrentLibrary(try tool.loadLibrary(options))

        let inbox = URL(fileURLWithPath: options.inbox ?? "Inbox")
        var folders = InboxFolders(inbox: inbox, outbox: URL(fileURLWithPath: options.outbox ?? "Outbox"))
        if let archive = options.archive { folders.archive = URL(fileURLWithPath: archive) }
        if let failed = options.failed { folders.failed = URL(fileURLWithPath: failed) }
        if let ledger = options.ledger { folders.ledger = URL(fileURLWithPath: ledger) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure(.noInput, LocalizedText(
                zhTW: "找不到收件匣資料夾「\(inbox.path)」。請建立它或以 --inbox 指定。",
                en: "inbox folder '\(inbox.path)' not found. Create it or give another with --inbox."))
        }

        let lock: InboxLock
        do {
            lock = try InboxLock(inbox: inbox, command: "watch")
        } catch let busy as InboxLock.Busy {
            throw CommandFailure.inboxBusy(busy, inbox: inbox)
        } catch let error as FileSystemError {
            throw CommandFailure(.ioError, error.message)
        }
        defer { withExtendedLifetime(lock) {} }

        let errorSink = tool.standardError
        let logger = Logger(sink: { errorSink($0 + "\n") })
        logger.log(.info, "watch settings", [
            ("ledger", folders.ledger.path), ("rules", current.library.root.path), ("pack", current.library.pack.name),
        ])
        do {
            // Finish what an earlier run or watch left unfinished before taking new files.
            let recovered = try InboxProcessor(library: current.library, folders: folders, logger: logger, maxFileBytes: options.maxFileBytes, threads: options.threads).processWhileLocked(names: [])
            for result in recovered {
                tool.standardOutput(result.summary(language) + "\n")
            }
        } catch let error as FileSystemError {
            throw CommandFailure(.ioError, error.message)
        } catch let error as SQLiteError {
            throw CommandFailure.ledgerFailure(error, ledger: folders.ledger)
        }

        let settings = InboxWatcher.Settings(
            inbox: inbox, settleInterval: options.settle ?? 2, pollInterval: options.poll ?? 2, pollingOnly: options.poll != nil)
        let watcher = InboxWatcher(
            settings: settings, logger: logger, language: language, signals: signals,
            process: { names in
                let processor = InboxProcessor(library: current.library, folders: folders, logger: logger, maxFileBytes: options.maxFileBytes, threads: options.threads)
                for result in try processor.processWhileLocked(names: names) {
                    tool.standardOutput(result.summary(language) + "\n")
                }
            },
            reload: { current.library = try tool.loadLibrary(options) })
        _ = watcher.run()
        return .success
    }
}
