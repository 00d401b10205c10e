import Foundation

/// The report of a file whose content the ledger has already seen: it names the earlier file
/// and where its outputs are, and nothing is checked again.
enum DuplicateReport {
    static func write(file: LedgerFile, original: LedgerFile, to folder: URL) throws {
        let document = JSONValue.object([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("input", .object([
                ("path", .string(file.name)), ("sha256", .string(file.sha256)), ("size", .number(String(file.size))),
            ])),
            ("verdict", .optional(original.verdict?.rawValue)),
            ("duplicate_of", .object([
                ("name", .string(original.name)),
                ("received_at", .string(original.receivedAt)),
                ("verdict", .optional(original.verdict?.rawValue)),
                ("output_folder", .optional(original.outputFolder)),
            ])),
            ("message", .object([
                ("zh-TW", .string(message(file: file, original: original).zhTW)),
                ("en", .string(message(file: file, original: original).en)),
            ])),
        ])
        try SafeFileWriter.writeNew(document.serialized() + "\n", to: folder.appendingPathComponent("report.json"))
        let text = message(file: file, original: original)
        let html = """
            <!DOCTYPE html>
            <html lang="zh-TW"><head><meta charset="utf-8"><title>\(MarkupEscaping.text(file.name))</title></head>
            <body><h1>\(MarkupEscaping.text(file.name))</h1>
            <p lang="zh-TW">\(MarkupEscaping.text(text.zhTW))</p>
            <p lang="en">\(MarkupEscaping.text(text.en))</p>
            </body></html>

            """
        try SafeFileWriter.writeNew(html, to: folder.appendingPathComponent("report.html"))
    }

    static func message(file: LedgerFile, original: LedgerFile) -> LocalizedText {
        let outputs = original.outputFolder ?? "-"
        return LocalizedText(
            zhTW: "「\(file.name)」的內容與 \(original.receivedAt) 收到的「\(original.name)」完全相同，因此未再次檢查；其報告在 \(outputs)。",
            en: "'\(file.name)' has the same content as '\(original.name)', received \(original.receivedAt), so it was not checked again; its reports are in \(outputs).")
    }
}
