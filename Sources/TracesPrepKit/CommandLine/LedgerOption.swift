import CSQLite
import Foundation

/// The `--ledger` option of the commands that read the ledger.
enum LedgerOption {
    /// The file name of the ledger beside the inbox.
    static let defaultName = "ledger.sqlite"

    /// Returns `--ledger`, or `ledger.sqlite` in the folder that contains the inbox (`--inbox`, default `Inbox`).
    static func path(_ options: ParsedOptions) -> String {
        if let ledger = options.ledger {
            return URL(fileURLWithPath: ledger).standardizedFileURL.path
        }
        let inbox = URL(fileURLWithPath: options.inbox ?? "Inbox").standardizedFileURL
        return inbox.deletingLastPathComponent().appendingPathComponent(defaultName).path
    }

    /// Opens the ledger at `path`, which must exist, because opening a missing path would create an
    /// empty ledger. Throws exit 66 when it is missing.
    static func openExisting(at path: String) throws -> Ledger {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(.noInput, LocalizedText(
                zhTW: "找不到處理紀錄「\(path)」。請以 --ledger 指定，或以 --inbox 指定它旁邊的收件匣。",
                en: "ledger '\(path)' not found. Give it with --ledger, or give the inbox beside it with --inbox."))
        }
        return try readingLedger(at: path) { try Ledger(path: path) }
    }

    /// Runs `body`, turning an SQLite error into exit 75 when another process holds the ledger
    /// locked and into exit 74 otherwise, with the ledger's path in the message.
    static func readingLedger<Result>(at path: String, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as SQLiteError {
            let primary = error.code & 0xFF
            if primary == SQLITE_BUSY || primary == SQLITE_LOCKED {
                throw CommandFailure(.busy, LocalizedText(
                    zhTW: "處理紀錄「\(path)」正被另一個程序鎖定：\(error.description)。請稍後再試。",
                    en: "the ledger '\(path)' is locked by another process: \(error.description). Try again later."))
            }
            throw CommandFailure(.ioError, LocalizedText(
                zhTW: "無法讀取處理紀錄「\(path)」：\(error.description)。請確認檔案與權限。",
                en: "cannot read the ledger '\(path)': \(error.description). Check the file and its permissions."))
        }
    }
}
