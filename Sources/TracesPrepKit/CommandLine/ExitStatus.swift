import Foundation

/// Exit codes after sysexits.h, as the report contract fixes them.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// `validate`: at least one file rejected.
    case rejected = 65
    case usage = 64
    /// An input file or folder does not exist.
    case noInput = 66
    /// A file's verdict is incomplete, or an internal error.
    case incomplete = 70
    /// Disk full, permission denied and other I/O failures.
    case ioError = 74
    /// Another instance already has the inbox locked.
    case busy = 75
    /// The rule files are invalid.
    case config = 78
}

/// A failure that ends a command, with its message for standard error and its exit code.
public struct CommandFailure: Error, Sendable {
    public var status: ExitStatus
    public var message: LocalizedText

    public init(_ status: ExitStatus, _ message: LocalizedText) {
        self.status = status
        self.message = message
    }

    /// Another process holds the inbox lock (exit 75).
    static func inboxBusy(_ busy: InboxLock.Busy, inbox: URL) -> CommandFailure {
        if busy.command == "watch" {
            return CommandFailure(.busy, LocalizedText(
                zhTW: "tracesprep watch（程序編號 \(busy.holder)）正在監看收件匣「\(inbox.path)」，它會自行處理新檔案，不需要再執行 run；若 cron 也啟動 run，請刪除該項排程。",
                en: "tracesprep watch (process id \(busy.holder)) is watching the inbox '\(inbox.path)' and processes new files itself, so run is not needed; if cron also starts run, remove that entry."))
        }
        return CommandFailure(.busy, LocalizedText(
            zhTW: "另一個 tracesprep（程序編號 \(busy.holder)）正在處理收件匣「\(inbox.path)」。請等它結束後再執行；鎖定會在該程序結束時自動解除。",
            en: "another tracesprep (process id \(busy.holder)) is working on the inbox '\(inbox.path)'. Run again when it has finished; the lock is released when that process ends."))
    }

    /// Reports a ledger that could not be used: exit 74 for a full disk or an I/O error, else 70.
    static func ledgerFailure(_ error: SQLiteError, ledger: URL) -> CommandFailure {
        CommandFailure(error.isStorageFailure ? .ioError : .incomplete, LocalizedText(
            zhTW: "無法使用處理紀錄「\(ledger.path)」：\(error)。請確認磁碟空間與權限。",
            en: "cannot use the ledger '\(ledger.path)': \(error). Check free disk space and permissions."))
    }

    /// Maps any error a command can meet to its text and exit code, in one place.
    public static func from(_ error: Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure:
            return failure
        case let ruleError as RuleFileError:
            return CommandFailure(.config, LocalizedText(
                zhTW: "規則檔案無效：\(ruleError.describe(in: .zhTW))",
                en: "invalid rule files: \(ruleError.describe(in: .en))"))
        case let inputError as InputFileError:
            return CommandFailure(inputError.notFound ? .noInput : .ioError, inputError.message)
        default:
            return CommandFailure(.incomplete, LocalizedText(
                zhTW: "內部錯誤：\(error)。請回報此問題。", en: "internal error: \(error). Please report this."))
        }
    }
}
