import Foundation

/// `tracesprep history REFERENCE`: lists every version of one consignment from the ledger.
struct HistoryCommand {
    var tool: CommandLineTool
    var options: ParsedOptions
    var language: Language

    /// One version with whether its content differs from the version before it.
    struct Version {
        var number: Int
        var consignment: LedgerConsignment
        /// Nil for the first version.
        var contentChanged: Bool?
    }

    func run() throws -> ExitStatus {
        guard options.files.count == 1, let reference = options.files.first else {
            throw CommandFailure(.usage, LocalizedText(
                zhTW: "history 需要剛好一個證書編號，例如 tracesprep history KH-2027-0101。",
                en: "history needs exactly one certificate reference, for example tracesprep history KH-2027-0101."))
        }
        let ledgerPath = LedgerOption.path(options)
        let ledger = try LedgerOption.openExisting(at: ledgerPath)
        let consignments = try LedgerOption.readingLedger(at: ledgerPath) { try ledger.versions(of: reference) }
        guard !consignments.isEmpty else {
            throw CommandFailure(.noInput, LocalizedText(
                zhTW: "處理紀錄「\(ledgerPath)」中沒有證書編號「\(reference)」。請確認編號（大小寫需相同），或以 --ledger 指定其他處理紀錄。",
                en: "certificate reference '\(reference)' not found in the ledger '\(ledgerPath)'. "
                    + "Check the reference (case matters) or give another ledger with --ledger."))
        }
        let versions = Self.versions(consignments)
        if options.format == "json" {
            tool.standardOutput(json(reference: reference, ledgerPath: ledgerPath, versions).serialized() + "\n")
        } else {
            tool.standardOutput(text(reference: reference, versions))
        }
        return .success
    }

    /// Numbers the versions and compares each with its previous version: the one the ledger links
    /// it to, or else the one listed before it.
    static func versions(_ consignments: [LedgerConsignment]) -> [Version] {
        let byID = Dictionary(consignments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return consignments.enumerated().map { index, consignment in
            let previous = consignment.previousID.flatMap { byID[$0] } ?? (index > 0 ? consignments[index - 1] : nil)
            return Version(
                number: index + 1, consignment: consignment,
                contentChanged: previous.map { $0.contentSHA256 != consignment.contentSHA256 })
        }
    }

    // MARK: - Output

    private func text(reference: String, _ versions: [Version]) -> String {
        var lines = [LocalizedText(
            zhTW: "\(reference)：\(versions.count) 個版本（時間為臺灣時間，UTC+8）",
            en: "\(reference): \(versions.count) \(versions.count == 1 ? "version" : "versions") (times are Taiwan time, UTC+8)"
        )[language]]
        for version in versions {
            let consignment = version.consignment
            let time = LedgerTime.taiwanDisplay(stored: consignment.receivedAt)
            let verdict = TextReport.verdictWord(consignment.verdict, language)
            let model = consignment.model ?? LocalizedText(zhTW: "未決定", en: "none")[language]
            let change: LocalizedText
            switch version.contentChanged {
            case nil: change = LocalizedText(zhTW: "首次收到", en: "first version")
            case true?: change = LocalizedText(zhTW: "內容已變更", en: "content changed")
            case false?: change = LocalizedText(zhTW: "內容與前一版相同", en: "content unchanged")
            }
            var drafts = consignment.drafts.isEmpty
                ? LocalizedText(zhTW: "無", en: "none")[language]
                : consignment.drafts.joined(separator: language == .zhTW ? "、" : ", ")
            if let folder = consignment.outputFolder {
                drafts += language == .zhTW ? "（於 \(folder)）" : " (in \(folder))"
            }
            switch language {
            case .zhTW:
                lines.append("\(version.number). \(time)  \(consignment.fileName)  \(verdict)  證書格式 \(model)  \(change.zhTW)")
                lines.append("   草稿：\(drafts)")
            case .en:
                lines.append("\(version.number). \(time)  \(consignment.fileName)  \(verdict)  model \(model)  \(change.en)")
                lines.append("   drafts: \(drafts)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func json(reference: String, ledgerPath: String, _ versions: [Version]) -> JSONValue {
        .object([
            ("reference", .string(reference)),
            ("ledger", .string(ledgerPath)),
            ("versions", .array(versions.map { version in
                let consignment = version.consignment
                return .object([
                    ("version", .number(String(version.number))),
                    ("received_at", .string(consignment.receivedAt)),
                    ("file", .string(consignment.fileName)),
                    ("file_id", .number(String(consignment.fileID))),
                    ("verdict", .string(consignment.verdict.rawValue)),
                    ("certificate_model", .optional(consignment.model)),
                    ("content_sha256", .string(consignment.contentSHA256)),
                    ("content_changed", version.contentChanged.map { .bool($0) } ?? .null),
                    ("drafts", .array(consignment.drafts.map { .string($0) })),
                    ("output_folder", .optional(consignment.outputFolder)),
                ])
            })),
        ])
    }
}
