import Foundation

/// `tracesprep status`: prints which files are waiting, in progress and failed.
struct StatusCommand {
    var tool: CommandLineTool
    var options: ParsedOptions
    var language: Language

    func run() throws -> ExitStatus {
        if let extra = options.files.first {
            throw CommandFailure(.usage, LocalizedText(
                zhTW: "status 不接受檔案或其他參數，但收到「\(extra)」。", en: "status takes no arguments, but got '\(extra)'."))
        }
        let inbox = URL(fileURLWithPath: options.inbox ?? "Inbox").standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CommandFailure(.noInput, LocalizedText(
                zhTW: "找不到收件匣資料夾「\(inbox.path)」。請以 --inbox 指定。",
                en: "inbox folder '\(inbox.path)' not found. Give it with --inbox."))
        }
        var folders = InboxFolders(inbox: inbox, outbox: URL(fileURLWithPath: options.outbox ?? "Outbox"))
        if let failed = options.failed { folders.failed = URL(fileURLWithPath: failed).standardizedFileURL }

        let ledgerPath = LedgerOption.path(options)
        let ledgerExists = FileManager.default.fileExists(atPath: ledgerPath)
        let ledger = ledgerExists ? try LedgerOption.openExisting(at: ledgerPath) : nil
        let status: InboxStatus
        do {
            status = try LedgerOption.readingLedger(at: ledgerPath) {
                try InboxStatus(folders: folders, ledger: ledger, now: Date())
            }
        } catch let error as FileSystemError {
            throw CommandFailure(.ioError, error.message)
        }

        var lines = [text(zhTW: "收件匣：\(inbox.path)", en: "Inbox: \(inbox.path)")]
        lines.append(ledgerExists
            ? text(zhTW: "處理紀錄：\(ledgerPath)", en: "Ledger: \(ledgerPath)")
            : text(
                zhTW: "處理紀錄：\(ledgerPath)（不存在，只列出資料夾中的檔案）",
                en: "Ledger: \(ledgerPath) (not found; listing the folders only)"))
        lines.append(text(zhTW: "時間為臺灣時間（UTC+8）。", en: "Times are Taiwan time (UTC+8)."))
        lines.append(heading(zhTW: "等待中", en: "Waiting", count: status.waiting.count))
        lines += limited(status.waiting.map { "  " + $0.name })
        lines.append(heading(zhTW: "處理中", en: "In progress", count: status.inProgress.count))
        lines += limited(status.inProgress.map { "  " + $0.name + inProgressDetail($0, ledgerExists: ledgerExists) })
        lines.append(heading(zhTW: "失敗", en: "Failed", count: status.failed.count))
        lines += limited(status.failed.map { "  " + $0.name + failedDetail($0) })
        tool.standardOutput(lines.joined(separator: "\n") + "\n")
        return .success
    }

    // MARK: - Lines

    /// Lines listed per group; after a crash hundreds of files can wait, and the counts say the rest.
    static let listedPerGroup = 50

    private func limited(_ lines: [String]) -> [String] {
        guard lines.count > Self.listedPerGroup else { return lines }
        let rest = lines.count - Self.listedPerGroup
        return Array(lines.prefix(Self.listedPerGroup)) + [text(zhTW: "  ……另有 \(rest) 個檔案", en: "  … and \(rest) more")]
    }

    private func text(zhTW: String, en: String) -> String {
        LocalizedText(zhTW: zhTW, en: en)[language]
    }

    private func heading(zhTW: String, en: String, count: Int) -> String {
        text(zhTW: "\(zhTW)：\(count) 個檔案", en: "\(en): \(count) \(count == 1 ? "file" : "files")")
    }

    private func inProgressDetail(_ entry: InboxStatus.Entry, ledgerExists: Bool) -> String {
        guard let file = entry.ledgerFile else {
            return ledgerExists
                ? text(zhTW: "（在認領資料夾中，處理紀錄中沒有此檔）", en: " (in the claimed folder, not in the ledger)")
                : text(zhTW: "（在認領資料夾中）", en: " (in the claimed folder)")
        }
        let received = LedgerTime.taiwanDisplay(stored: file.receivedAt)
        switch file.state {
        case .recorded:
            let verdict = file.verdict.map { TextReport.verdictWord($0, language) } ?? text(zhTW: "無法讀取", en: "unreadable")
            return text(
                zhTW: "（\(received) 收到，結果已記錄：\(verdict)，原檔尚未移出）",
                en: " (received \(received), outcome recorded: \(verdict), original not moved yet)")
        case .claimed, .archived:
            return text(zhTW: "（\(received) 收到，結果尚未記錄）", en: " (received \(received), outcome not recorded yet)")
        }
    }

    private func failedDetail(_ entry: InboxStatus.Entry) -> String {
        guard let file = entry.ledgerFile, entry.incomplete else {
            return text(zhTW: "（在失敗資料夾中）", en: " (in the failed folder)")
        }
        let received = LedgerTime.taiwanDisplay(stored: file.receivedAt)
        if entry.path == nil {
            return text(
                zhTW: "（未完成，\(received) 收到，不在失敗資料夾中）",
                en: " (incomplete, received \(received), not in the failed folder)")
        }
        return text(zhTW: "（未完成，\(received) 收到）", en: " (incomplete, received \(received))")
    }
}
