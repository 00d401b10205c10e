/// A draft of Part I of a certificate as a self-contained HTML page: inline CSS, no scripts and
/// no external resources. It shows the boxes of the pack's layout (I.1 to I.25 in bsmi-2020, I.1 to
/// I.27 in eu-2020-2235) with titles in English and Chinese, for the exporter to read or print on A4
/// before keying the values into TRACES-NT.
public enum CertificateHTML {
    public static func page(for consignment: CheckedConsignment, in report: FileReport, library: RuleLibrary) -> String {
        let values = CertificateValues(checked: consignment, library: library)
        let reference = MarkupEscaping.text(values.reference)
        var html = """
            <!DOCTYPE html>
            <html lang="zh-Hant-TW">
            <head>
            <meta charset="utf-8">
            <title>草稿 DRAFT \(reference)</title>
            <style>\(style)</style>
            </head>
            <body>
            <p class="draft">草稿 / DRAFT</p>

            """
        html += introduction(values, report: report)
        for box in boxes(of: library.pack) {
            html += section(box: box, values)
        }
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: - Page parts

    private static func introduction(_ values: CertificateValues, report: FileReport) -> String {
        let path = MarkupEscaping.text(report.input.path)
        let verdict = values.checked.verdict
        var html = """
            <h1>\(MarkupEscaping.text(values.reference))</h1>
            <p class="note">這是 TracesPrep \(ToolInfo.version) 依「\(path)」製作的草稿，不是證書。請將資料鍵入 TRACES-NT。<br>
            Draft made by TracesPrep \(ToolInfo.version) from \(path). It is not a certificate: key the values into TRACES-NT.</p>
            <p>檢查結果 / Verdict: <strong>\(TextReport.verdictWord(verdict, .zhTW)) / \(TextReport.verdictWord(verdict, .en))</strong></p>

            """
        if verdict != .accepted {
            html += """
                <p class="warning">此批貨品仍有錯誤或未完成的檢查，請先依檢查報告修正。<br>
                This consignment still has errors or unfinished checks: correct them as the report describes first.</p>

                """
        }
        html += "<h2 class=\"part\">Part I: Details of dispatched consignment 第一部分：貨品資料</h2>\n"
        return html
    }

    /// Boxes in print order: every box the pack lays out, titled or not.
    private static func boxes(of pack: RulePack) -> [String] {
        Set(pack.boxes.values).union(pack.boxTitles.keys).sorted(by: BoxOrder.areInIncreasingOrder)
    }

    private static func section(box: String, _ values: CertificateValues) -> String {
        let library = values.library
        let fields = library.catalog.fields.filter { field in
            library.pack.boxes[field.id] == box && !field.id.hasSuffix("_unit")
        }
        let title = library.pack.boxTitles[box].map { "\(box) \($0.en) \($0.zhTW)" } ?? box
        var html = "<section class=\"box\" id=\"box-\(MarkupEscaping.attribute(box))\">\n"
        html += "<h2>\(MarkupEscaping.text(title))</h2>\n"

        let headerFields = fields.filter { $0.level == .consignment }
        if !headerFields.isEmpty {
            html += "<table class=\"fields\">\n"
            for field in headerFields {
                html += "<tr><th>\(label(field))</th><td>\(headerValue(field.id, values))</td></tr>\n"
            }
            html += "</table>\n"
        }
        let consignment = values.checked.consignment
        for level in [FieldLevel.document, .container, .line] {
            let levelFields = fields.filter { $0.level == level }
            if !levelFields.isEmpty {
                html += table(levelFields, groups: consignment.groups(at: level), values)
            }
        }
        html += "</section>\n"
        return html
    }

    private static func label(_ field: FieldDefinition) -> String {
        "\(MarkupEscaping.text(field.label.zhTW))<br><span class=\"en\">\(MarkupEscaping.text(field.label.en))</span>"
    }

    // MARK: - Values

    /// Renders the value of a consignment-level field as HTML, marked when TracesPrep filled it in.
    private static func headerValue(_ field: String, _ values: CertificateValues) -> String {
        guard let text = values.text(field) else { return "<span class=\"empty\">—</span>" }
        // A filled-in value replaces the file's, so the file's parsed value describes it only when nothing was filled in.
        let typed = values.autofilled(field) == nil ? values.header[field] : nil
        var html = MarkupEscaping.text(display(field: field, text: text, typed: typed, values))
        if values.isAutofilled(field) {
            html += " <span class=\"auto\">由 TracesPrep 填入 / filled by TracesPrep</span>"
        }
        return html
    }

    /// Returns the text shown for a value: codes with their labels, weights in kg, authorities and
    /// models by name. The report page shows filled-in values the same way.
    static func display(field: String, text: String, typed: NormalizedValue?, _ values: CertificateValues) -> String {
        guard let definition = values.library.catalog[field] else { return text }
        if field.hasSuffix("_competent_authority"), let authority = values.authority(code: text) {
            return "\(authority.label.zhTW) / \(authority.label.en)"
        }
        if field == "certificate_model", let model = values.library.pack.model(id: text) {
            return "\(model.name.zhTW) / \(model.name.en)"
        }
        if field == "cn_code" {
            return CNCode.usable(text) ?? text
        }
        switch definition.type {
        case .weight:
            return typed == nil || typed?.decimal != nil ? "\(text) kg" : text
        case .duration:
            return "\(text) 小時 / hours"
        case .datetime, .date:
            return typed?.dateTime.map(readableDateTime) ?? text
        default:
            break
        }
        if let entry = values.entry(field: field, code: text) {
            return labelled(entry)
        }
        return text
    }

    /// Formats a date and time as `2026-12-10 18:00 (UTC+08:00)`. A date alone keeps its ISO 8601 form.
    private static func readableDateTime(_ value: LocalDateTime) -> String {
        let iso = value.iso8601
        guard value.hasTime, iso.count >= 25 else { return iso }
        let date = iso.prefix(10)
        let time = iso.dropFirst(11).prefix(5)
        let offset = iso.suffix(6)
        return "\(date) \(time) (UTC\(offset))"
    }

    /// Returns a code with its labels: `NL – 荷蘭 / Netherlands`, or the TRACES-NT name of a transport
    /// mode in place of its code (`Vessel – 海運`).
    private static func labelled(_ entry: CodeEntry) -> String {
        let primary = entry.attributes["traces_name"] ?? entry.code
        var labels: [String] = []
        for label in [entry.label.zhTW, entry.label.en] where label != primary && !labels.contains(label) {
            labels.append(label)
        }
        return labels.isEmpty ? primary : "\(primary) – \(labels.joined(separator: " / "))"
    }

    // MARK: - Tables

    /// Renders a table of the documents (I.17), containers (I.19) or commodity lines (I.25). Columns
    /// that no row fills are left out, and each row stays on one printed page.
    private static func table(_ fields: [FieldDefinition], groups: [NormalizedValues], _ values: CertificateValues) -> String {
        guard !groups.isEmpty else { return "<p class=\"empty\">—</p>\n" }
        let columns = fields.filter { field in groups.contains { CertificateValues.text(of: $0[field.id]) != nil } }
        let numbered = fields.first?.level == .line
        var html = "<table class=\"rows\">\n<thead><tr>"
        if numbered { html += "<th>#</th>" }
        for field in columns {
            html += "<th>\(label(field))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for (index, group) in groups.enumerated() {
            html += "<tr>"
            if numbered { html += "<td>\(index + 1)</td>" }
            for field in columns {
                html += "<td>\(cell(field.id, group, values))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        return html
    }

    private static func cell(_ field: String, _ group: NormalizedValues, _ values: CertificateValues) -> String {
        guard let value = group[field], let text = CertificateValues.text(of: value) else { return "" }
        if field == "document_file" {
            return attachedFiles(value.files.isEmpty ? [text] : value.files)
        }
        return MarkupEscaping.text(display(field: field, text: value.code ?? text, typed: value, values))
    }

    /// Renders the first attached file of a document, with a note when there are more, because
    /// TRACES-NT prints only the first one on the certificate.
    private static func attachedFiles(_ files: [String]) -> String {
        var html = MarkupEscaping.text(files[0])
        if files.count > 1 {
            let others = MarkupEscaping.text(files.dropFirst().joined(separator: ", "))
            html += "<br><span class=\"note\">另有 \(files.count - 1) 個檔案不會印在證書上 / "
                + "\(files.count - 1) more not printed on the certificate: \(others)</span>"
        }
        return html
    }

    // MARK: - Style

    /// Screen and A4 print style. Rows and small boxes are kept whole on one page. The large
    /// tables may break between rows, and their header repeats on each page.
    static let style = """

        @page { size: A4; margin: 12mm 12mm 14mm 12mm; }
        body { font-family: "Noto Sans TC", "Microsoft JhengHei", "PingFang TC", sans-serif; font-size: 10pt; color: #000; margin: 0 auto; max-width: 190mm; }
        body::after { content: "DRAFT 草稿"; position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 80pt; font-weight: bold; color: rgba(176, 0, 0, 0.08); transform: rotate(-30deg); pointer-events: none; }
        h1 { font-size: 16pt; margin: 4pt 0; }
        h2 { font-size: 11pt; margin: 0 0 3pt 0; }
        h2.part { font-size: 12pt; margin-top: 8pt; }
        .draft { border: 3px solid #b00000; color: #b00000; font-size: 14pt; font-weight: bold; text-align: center; padding: 3pt; margin: 0 0 6pt 0; }
        .note { font-size: 8.5pt; color: #333; }
        .warning { border-left: 4px solid #b00000; padding-left: 6pt; }
        .en { font-weight: normal; color: #444; font-size: 8.5pt; }
        .auto { font-size: 8pt; color: #05610b; border: 1px solid #05610b; border-radius: 2pt; padding: 0 2pt; white-space: nowrap; }
        .empty { color: #888; }
        section.box { border: 1px solid #444; padding: 4pt 6pt; margin: 0 0 4pt 0; break-inside: avoid; page-break-inside: avoid; }
        section.box:has(table.rows) { break-inside: auto; page-break-inside: auto; }
        table { border-collapse: collapse; width: 100%; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 1px solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
        table.fields th { width: 35%; font-weight: bold; }
        table.rows th { font-size: 8.5pt; }

        """
}
