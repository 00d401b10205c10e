extension RuleReference {
    // MARK: - rules list (text)

    /// Lists one line per rule in run order: id, severity, kind, check and boxes, in aligned columns.
    public func textList() -> String {
        let heading = [words("規則", "RULE"), words("嚴重度", "SEVERITY"), words("種類", "KIND"), words("檢查", "CHECK"), words("欄位編號", "BOX")]
        var rows = [heading]
        for rule in library.pack.rules {
            let check = rule.check == CheckRegistry.eventCheckName ? "event: \(rule.parameter("event") ?? "")" : rule.check
            let boxes = boxes(of: rule)
            rows.append([rule.id, severity(of: rule), rule.kind.rawValue, check, boxes.isEmpty ? "—" : boxes.joined(separator: ", ")])
        }
        let widths = heading.indices.map { column in rows.map { Self.displayWidth($0[column]) }.max() ?? 0 }
        var text = ""
        for row in rows {
            let cells = row.indices.map { column -> String in
                column == row.count - 1 ? row[column] : row[column] + String(repeating: " ", count: widths[column] - Self.displayWidth(row[column]))
            }
            text += cells.joined(separator: "  ") + "\n"
        }
        text += words(
            "規則包 \(library.pack.name)（\(library.pack.version)）共 \(library.pack.rules.count) 條規則。\n",
            "\(library.pack.rules.count) rules in the pack \(library.pack.name) (\(library.pack.version)).\n")
        return text
    }

    // MARK: - rules list --format markdown

    /// Renders the rule reference as Markdown: an introduction, then one table per rule file in run order.
    public func markdownList() -> String {
        let pack = library.pack
        var text = words(
            "規則包 `\(pack.name)`（版本 \(pack.version)）共 \(pack.rules.count) 條規則，依執行順序列出。"
                + "一條規則的訊息與參數，請執行 `tracesprep rules explain 規則代碼`。\n",
            "The pack `\(pack.name)` (version \(pack.version)) has \(pack.rules.count) rules, listed in the order they run. "
                + "Run `tracesprep rules explain RULE-ID` for the message and parameters of one rule.\n")
        var currentFile: String?
        for rule in pack.rules {
            let file = file(of: rule)
            if file != currentFile {
                currentFile = file
                text += "\n**`\(file)`**\n\n"
                let heading = [
                    words("規則", "Rule"), words("欄位編號", "Box"), words("種類", "Kind"), words("嚴重度", "Severity"),
                    words("檢查內容", "What it checks"), words("通過", "Passes"), words("不通過", "Fails"),
                ]
                text += "| " + heading.joined(separator: " | ") + " |\n"
                text += "|" + String(repeating: "---|", count: heading.count) + "\n"
            }
            text += markdownRow(rule)
        }
        return text
    }

    private func markdownRow(_ rule: Rule) -> String {
        let boxes = boxes(of: rule)
        var checks = description(of: rule)
        if rule.check == CheckRegistry.eventCheckName {
            checks += words("事件 `\(rule.parameter("event") ?? "")`。", " Event `\(rule.parameter("event") ?? "")`.")
        } else if !rule.fields.isEmpty {
            let list = rule.fields.map { "`\($0)`" }.joined(separator: ", ")
            checks += words("欄位：\(list)。", " Fields: \(list).")
        } else if !rule.listParameter("types").isEmpty {
            let list = rule.listParameter("types").map { "`\($0)`" }.joined(separator: ", ")
            checks += words("型態：\(list)。", " Types: \(list).")
        }
        if let condition = condition(of: rule) {
            checks += words("僅在\(condition)。", " Only \(condition).")
        }
        let cells = [
            "`\(rule.id)`",
            boxes.isEmpty ? "—" : boxes.joined(separator: ", "),
            rule.kind.rawValue,
            severity(of: rule),
            checks,
            rule.example.map { sample($0.pass, code: true) } ?? "—",
            rule.example.map { sample($0.fail, code: true) } ?? "—",
        ]
        return "| " + cells.map(Self.escapedCell).joined(separator: " | ") + " |\n"
    }

    /// Escapes a table cell: a `|` would end the cell and a line break the row.
    static func escapedCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
