import Foundation

/// A ledger summary as a self-contained HTML page for officers, in the look of the file reports:
/// inline style, no scripts, Traditional Chinese first and then English. Times are Taiwan time.
public enum SummaryHTML {
    /// Renders the page that will be saved in `summaryFolder`. Links to reports inside `outbox` are
    /// relative, so the outbox can be moved or shared as a whole.
    public static func page(for summary: LedgerSummary, summaryFolder: URL, outbox: URL) -> String {
        let period = "\(LedgerTime.taiwanDisplay(summary.since)) – \(LedgerTime.taiwanDisplay(summary.until))"
        var html = """
            <!DOCTYPE html>
            <html lang="zh-Hant-TW">
            <head>
            <meta charset="utf-8">
            <title>TracesPrep 處理摘要 / Processing summary \(MarkupEscaping.text(period))</title>
            <style>\(ReportHTML.style)\(style)</style>
            </head>
            <body>
            <h1>TracesPrep 處理摘要 / Processing summary</h1>
            <table class="summary">
            <tr><th>期間 / Period</th><td>\(MarkupEscaping.text(period)) <span class="note">臺灣時間 / Taiwan time (UTC+8)</span></td></tr>
            <tr><th>處理紀錄 / Ledger</th><td><code>\(MarkupEscaping.text(summary.ledgerPath))</code></td></tr>
            <tr><th>工具 / Tool</th><td>\(MarkupEscaping.text("\(ToolInfo.name) \(ToolInfo.version)"))</td></tr>
            </table>

            """
        html += totalsSection(summary.totals)
        html += exportersSection(summary.exporters)
        html += frequentErrorsSection(summary.frequentErrors)
        html += rulesSection(summary.rules)
        html += filesSection(summary, summaryFolder: summaryFolder, outbox: outbox)
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: - Counts

    private static let totalsHeader = """
        <th class="number">收到 / Received</th><th class="number">通過 / Accepted</th>\
        <th class="number">退回 / Rejected</th><th class="number">未完成 / Incomplete</th>\
        <th class="number">處理中 / In progress</th><th class="number">重複 / Duplicates</th>
        """

    private static func totalsCells(_ totals: LedgerSummary.Totals) -> String {
        [totals.received, totals.accepted, totals.rejected, totals.incomplete, totals.inProgress, totals.duplicates]
            .map { "<td class=\"number\">\($0)</td>" }.joined()
    }

    private static func totalsSection(_ totals: LedgerSummary.Totals) -> String {
        """
        <section>
        <h2>檔案總數 / Files</h2>
        <table class="rows">
        <thead><tr>\(totalsHeader)</tr></thead>
        <tbody><tr>\(totalsCells(totals))</tr></tbody>
        </table>
        <p class="note">重複的檔案與先前收到的檔案內容相同，也計入其判定。<br>\
        A duplicate has the same content as a file received earlier and is counted under its verdict too.</p>
        </section>

        """
    }

    private static func exportersSection(_ exporters: [LedgerSummary.ExporterTotals]) -> String {
        var html = "<section>\n<h2>依出口商 / By exporter</h2>\n"
        guard !exporters.isEmpty else { return html + noFiles + "</section>\n" }
        html += "<table class=\"rows\">\n<thead><tr><th>出口商 / Exporter</th>\(totalsHeader)</tr></thead>\n<tbody>\n"
        for entry in exporters {
            let name = entry.exporter.map(MarkupEscaping.text) ?? "<span class=\"none\">（不明）/ (unknown)</span>"
            html += "<tr><td>\(name)</td>\(totalsCells(entry.totals))</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    // MARK: - Rules

    private static func frequentErrorsSection(_ errors: [LedgerSummary.FrequentError]) -> String {
        var html = "<section>\n<h2>最常見的錯誤 / Most frequent errors</h2>\n"
        guard !errors.isEmpty else { return html + "<p class=\"none\">沒有錯誤 / No errors</p>\n</section>\n" }
        html += """
            <table class="rows">
            <thead><tr><th>規則 / Rule</th><th>種類 / Kind</th><th class="number">錯誤 / Errors</th>\
            <th class="number">檔案 / Files</th><th>訊息範例 / Sample message</th></tr></thead>
            <tbody>

            """
        for entry in errors {
            let message = "\(MarkupEscaping.text(entry.sampleMessage.zhTW))<br><span class=\"en\">\(MarkupEscaping.text(entry.sampleMessage.en))</span>"
            html += "<tr><td><code class=\"rule\">\(MarkupEscaping.text(entry.count.rule))</code></td>"
                + "<td>\(MarkupEscaping.text(entry.count.kind))</td>"
                + "<td class=\"number\">\(entry.count.findings)</td><td class=\"number\">\(entry.count.files)</td>"
                + "<td>\(message)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private static func rulesSection(_ rules: [LedgerRuleCount]) -> String {
        var html = "<section>\n<h2>依規則 / By rule</h2>\n"
        guard !rules.isEmpty else { return html + "<p class=\"none\">沒有問題 / No findings</p>\n</section>\n" }
        html += """
            <table class="rows">
            <thead><tr><th>規則 / Rule</th><th>嚴重度 / Severity</th><th>種類 / Kind</th>\
            <th class="number">項目 / Findings</th><th class="number">檔案 / Files</th></tr></thead>
            <tbody>

            """
        for count in rules {
            let severity = count.severity
            html += "<tr class=\"\(severity.rawValue)\"><td><code class=\"rule\">\(MarkupEscaping.text(count.rule))</code></td>"
                + "<td><span class=\"\(severity.rawValue)\">\(TextReport.severityWord(severity, .zhTW)) / \(severity.rawValue)</span></td>"
                + "<td>\(MarkupEscaping.text(count.kind))</td>"
                + "<td class=\"number\">\(count.findings)</td><td class=\"number\">\(count.files)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    // MARK: - Files

    private static func filesSection(_ summary: LedgerSummary, summaryFolder: URL, outbox: URL) -> String {
        var html = "<section>\n<h2>所有檔案 / All files</h2>\n"
        guard !summary.files.isEmpty else { return html + noFiles + "</section>\n" }
        html += """
            <table class="rows files">
            <thead><tr><th>收到時間 / Received<br><span class="note">臺灣 / Taiwan (UTC+8)</span></th><th>檔案 / File</th><th>判定 / Verdict</th>\
            <th class="number">錯誤 / Errors</th><th class="number">警告 / Warnings</th><th class="number">資訊 / Info</th>\
            <th>報告 / Report</th></tr></thead>
            <tbody>

            """
        let names = Dictionary(summary.files.map { ($0.file.id, $0.file.name) }, uniquingKeysWith: { first, _ in first })
        for overview in summary.files {
            let file = overview.file
            var fileCell = MarkupEscaping.text(file.name)
            fileCell += "<br><span class=\"note\">\(file.exporter.map(MarkupEscaping.text) ?? "（不明）/ (unknown)")</span>"
            var verdictCell = overview.verdict.map { verdict in
                "<span class=\"verdict-\(verdict.rawValue)\">\(TextReport.verdictWord(verdict, .zhTW)) / \(verdict.rawValue)</span>"
            } ?? "<span class=\"none\">處理中 / in progress</span>"
            if let original = file.duplicateOf {
                let originalName = MarkupEscaping.text(names[original] ?? "#\(original)")
                verdictCell += "<br><span class=\"note\">重複，同 \(originalName) / duplicate of \(originalName)</span>"
            }
            let report = summary.reports[file.id].map { path in
                let href = MarkupEscaping.attribute(link(to: path, from: summaryFolder, outbox: outbox))
                return "<a href=\"\(href)\">\(MarkupEscaping.text((path as NSString).lastPathComponent))</a>"
            } ?? "<span class=\"none\">—</span>"
            html += "<tr><td class=\"time\">\(MarkupEscaping.text(LedgerTime.taiwanDisplay(stored: file.receivedAt)))</td>"
                + "<td>\(fileCell)</td><td>\(verdictCell)</td>"
                + "<td class=\"number\">\(overview.errors)</td><td class=\"number\">\(overview.warnings)</td>"
                + "<td class=\"number\">\(overview.infos)</td><td>\(report)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    private static let noFiles = "<p class=\"none\">此期間沒有收到檔案 / No files received in this period</p>\n"

    /// Returns a relative, percent-encoded link from `folder` to `path` when both lie inside
    /// `outbox`, and a `file://` URL otherwise.
    static func link(to path: String, from folder: URL, outbox: URL) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let base = folder.standardizedFileURL.pathComponents
        let root = outbox.standardizedFileURL.pathComponents
        guard target.starts(with: root), base.starts(with: root) else {
            return URL(fileURLWithPath: path).standardizedFileURL.absoluteString
        }
        var shared = 0
        while shared < min(target.count, base.count) && target[shared] == base[shared] {
            shared += 1
        }
        let components = Array(repeating: "..", count: base.count - shared) + target[shared...]
        let relative = components.joined(separator: "/")
        return relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
    }

    // MARK: - Style

    /// Additions to the report style: a landscape page because the tables are wide, numbers
    /// aligned right, rule ids kept whole and long file names wrapped only where needed.
    static let style = """
        @page { size: A4 landscape; margin: 12mm; }
        body { max-width: 273mm; }
        td.number { text-align: right; white-space: nowrap; }
        th.number { text-align: right; }
        td.time { white-space: nowrap; }
        td code.rule { word-break: normal; white-space: nowrap; }
        table.files td:nth-child(2) { overflow-wrap: anywhere; }

        """
}
