import Foundation

/// The report of one input file as a self-contained, printable HTML page for people. Every text
/// is in Traditional Chinese first, then English. Findings about the whole file come first, then
/// each consignment with its filled-in values, draft files and findings grouped by box.
public enum ReportHTML {
    public static func page(for report: FileReport, library: RuleLibrary) -> String {
        let checked = report.checked
        let path = MarkupEscaping.text(report.input.path)
        var html = """
            <!DOCTYPE html>
            <html lang="zh-Hant-TW">
            <head>
            <meta charset="utf-8">
            <title>TracesPrep 檢查報告 / Check report: \(path)</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>TracesPrep 檢查報告 / Check report</h1>
            <p class="file">\(path)</p>

            """
        html += summary(report, library: library)

        let references = Set(checked.consignments.map(\.consignment.reference))
        let fileFindings = checked.findings.filter { finding in
            finding.consignment.map { !references.contains($0) } ?? true
        }
        html += "<section>\n<h2>整個檔案 / Whole file</h2>\n"
        html += findingsTable(fileFindings)
        html += "</section>\n"

        for consignment in checked.consignments {
            html += section(for: consignment, report: report, library: library)
        }
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: - Summary

    private static func summary(_ report: FileReport, library: RuleLibrary) -> String {
        let checked = report.checked
        let verdict = checked.verdict
        let count = { (severity: Severity) in checked.findings.filter { $0.severity == severity }.count }
        let counts = Severity.allCases.map { "\(TextReport.severityWord($0, .zhTW)) \(count($0)) 項" }.joined(separator: "、")
        let englishCounts = "errors: \(count(.error)), warnings: \(count(.warning)), info: \(count(.info))"
        var rows: [(String, String)] = [
            ("判定 / Verdict", "<strong class=\"verdict-\(verdict.rawValue)\">\(verdictText(verdict))</strong>"),
            ("項目 / Findings", MarkupEscaping.text("\(counts) / \(englishCounts)")),
            ("檔案 / File", MarkupEscaping.text(report.input.path)),
            ("SHA-256", "<code>\(MarkupEscaping.text(report.input.sha256))</code>"),
            ("大小 / Size", "\(report.input.size) 位元組 / bytes"),
            ("格式 / Format", MarkupEscaping.text(report.input.format?.rawValue ?? "—")),
            ("編碼 / Encoding", MarkupEscaping.text(checked.file.encoding?.rawValue ?? "—")),
        ]
        if report.input.format == .csv {
            rows.append(("分隔符號 / Delimiter", delimiterText(checked.file.delimiter)))
        }
        let packTitle = library.pack.name == report.packName ? library.pack.title : nil
        rows.append((
            "規則包 / Rule pack",
            MarkupEscaping.text("\(report.packName) \(report.packVersion)")
                + (packTitle.map { "<br><span class=\"note\">\(MarkupEscaping.text($0.zhTW))<br>\(MarkupEscaping.text($0.en))</span>" } ?? "")))
        rows.append(("工具 / Tool", MarkupEscaping.text("\(ToolInfo.name) \(ToolInfo.version)")))

        var html = "<table class=\"summary\">\n"
        for (label, value) in rows {
            html += "<tr><th>\(label)</th><td>\(value)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// Renders the verdict in both languages with what it means, as HTML.
    static func verdictText(_ verdict: Verdict) -> String {
        let meaning: String
        switch verdict {
        case .accepted: meaning = "沒有錯誤 / no errors"
        case .rejected: meaning = "至少有一項錯誤 / at least one error"
        case .incomplete: meaning = "有檢查無法執行，或檔案未能讀完 / a check could not run, or the file could not be read to the end"
        }
        return "\(TextReport.verdictWord(verdict, .zhTW)) / \(TextReport.verdictWord(verdict, .en))"
            + " <span class=\"note\">（\(meaning)）</span>"
    }

    private static func delimiterText(_ delimiter: String?) -> String {
        switch delimiter {
        case ",": return "逗號 / comma (,)"
        case ";": return "分號 / semicolon (;)"
        case "\t": return "定位字元 / tab"
        case let other?: return MarkupEscaping.text(other)
        case nil: return "—"
        }
    }

    // MARK: - Consignments

    private static func section(for consignment: CheckedConsignment, report: FileReport, library: RuleLibrary) -> String {
        let reference = consignment.consignment.reference
        let values = CertificateValues(checked: consignment, library: library)
        let model = consignment.model.map { MarkupEscaping.text("\($0.id): \($0.name.zhTW) / \($0.name.en)") }
            ?? "無法決定 / could not be chosen"
        var html = """
            <section class="consignment">
            <h2>證書 / Certificate \(MarkupEscaping.text(reference))</h2>
            <table class="summary">
            <tr><th>判定 / Verdict</th><td><strong class="verdict-\(consignment.verdict.rawValue)">\(verdictText(consignment.verdict))</strong></td></tr>
            <tr><th>證書格式 / Certificate model</th><td>\(model)</td></tr>
            <tr><th>草稿 / Drafts</th><td>\(draftLinks(report.drafts[reference] ?? []))</td></tr>
            </table>

            """
        html += "<h3>TracesPrep 填入的值 / Values filled in by TracesPrep</h3>\n"
        html += autofilledTable(consignment.autofilled, values)

        html += "<h3>檢查結果 / Findings</h3>\n"
        if consignment.findings.isEmpty {
            html += "<p class=\"none\">沒有問題 / No findings</p>\n"
        }
        for (box, findings) in groupedByBox(consignment.findings) {
            let title = box.flatMap { library.pack.boxTitles[$0] }.map { " \($0.en) \($0.zhTW)" } ?? ""
            let heading = box.map { MarkupEscaping.text($0 + title) } ?? "其他 / Other"
            html += "<h4>\(heading)</h4>\n"
            html += findingsTable(findings)
        }
        html += "</section>\n"
        return html
    }

    /// Renders links to the draft files, whose names the writer stores relative to the report.
    private static func draftLinks(_ paths: [String]) -> String {
        guard !paths.isEmpty else { return "<span class=\"none\">尚未產生 / none written</span>" }
        return paths.map { path in
            // NOTE: an absolute path is linked by its file name, which assumes the drafts lie beside the report.
            let relative = path.hasPrefix("/") ? URL(fileURLWithPath: path).lastPathComponent : path
            let href = relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
            return "<a href=\"\(MarkupEscaping.attribute(href))\">\(MarkupEscaping.text(relative))</a>"
        }.joined(separator: "<br>")
    }

    private static func autofilledTable(_ autofilled: [AutofilledValue], _ values: CertificateValues) -> String {
        guard !autofilled.isEmpty else { return "<p class=\"none\">無 / None</p>\n" }
        var html = "<table class=\"rows\">\n<thead><tr><th>欄位 / Field</th><th>值 / Value</th></tr></thead>\n<tbody>\n"
        for item in autofilled {
            let definition = values.library.catalog[item.field]
            let box = values.library.pack.boxes[item.field].map { "\($0) " } ?? ""
            let label = definition.map { "\(box)\($0.label.zhTW) / \($0.label.en)" } ?? item.field
            let displayed = CertificateHTML.display(field: item.field, text: item.value, typed: nil, values)
            let value = displayed.hasPrefix(item.value) ? displayed : "\(item.value) (\(displayed))"
            html += "<tr><td>\(MarkupEscaping.text(label))</td><td>\(MarkupEscaping.text(value))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    // MARK: - Findings

    /// Groups findings by box in print order. Findings without a box come first.
    static func groupedByBox(_ findings: [Finding]) -> [(box: String?, findings: [Finding])] {
        var groups: [String?: [Finding]] = [:]
        for finding in findings {
            groups[finding.box, default: []].append(finding)
        }
        return groups.keys.sorted { left, right in
            guard let left else { return right != nil }
            guard let right else { return false }
            return BoxOrder.areInIncreasingOrder(left, right)
        }.map { ($0, groups[$0] ?? []) }
    }

    private static func findingsTable(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "<p class=\"none\">沒有問題 / No findings</p>\n" }
        var html = """
            <table class="rows findings">
            <thead><tr><th>行 / Line</th><th>欄 / Column</th><th>嚴重度 / Severity</th><th>規則 / Rule</th>\
            <th>原始值 / Value</th><th>應為 / Expected</th><th>說明 / Message</th></tr></thead>
            <tbody>

            """
        for finding in findings {
            let severity = finding.severity
            let cells = [
                finding.location.line.map(String.init).map(MarkupEscaping.text) ?? "",
                MarkupEscaping.text(finding.location.column ?? ""),
                "<span class=\"\(severity.rawValue)\">\(TextReport.severityWord(severity, .zhTW)) / \(severity.rawValue)</span>",
                "<code>\(MarkupEscaping.text(finding.rule))</code>",
                finding.value.map { "<code>\(MarkupEscaping.text($0))</code>" } ?? "",
                finding.expected.map { "<code>\(MarkupEscaping.text($0))</code>" } ?? "",
                "\(MarkupEscaping.text(finding.message.zhTW))<br><span class=\"en\">\(MarkupEscaping.text(finding.message.en))</span>",
            ]
            html += "<tr class=\"\(severity.rawValue)\">" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    // MARK: - Style

    /// Screen and A4 print style. A table breaks between rows only, and its header repeats.
    static let style = """

        @page { size: A4; margin: 12mm; }
        body { font-family: "Noto Sans TC", "Microsoft JhengHei", "PingFang TC", sans-serif; font-size: 10pt; color: #000; margin: 0 auto; max-width: 190mm; }
        h1 { font-size: 16pt; margin: 4pt 0; }
        h2 { font-size: 13pt; margin: 12pt 0 4pt 0; border-bottom: 1px solid #444; }
        h3 { font-size: 11pt; margin: 8pt 0 3pt 0; }
        h4 { font-size: 10pt; margin: 6pt 0 2pt 0; }
        .file { font-family: monospace; }
        .note, .en { color: #444; font-size: 8.5pt; }
        .none { color: #555; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 4pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 1px solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
        table.summary th { width: 30%; }
        table.findings td:nth-child(1) { white-space: nowrap; }
        code { font-family: monospace; overflow-wrap: anywhere; }
        .verdict-accepted { color: #05610b; }
        .verdict-rejected, span.error { color: #b00000; }
        .verdict-incomplete, span.warning { color: #8a5a00; }
        tr.error td:first-child { border-left: 4px solid #b00000; }
        tr.warning td:first-child { border-left: 4px solid #8a5a00; }

        """
}
