/// Findings as compiler-style lines: `file:line:column: severity: [rule] message`.
public enum TextReport {
    public static func lines(for report: FileReport, language: Language) -> [String] {
        report.checked.findings.map { finding in
            var position = report.input.path
            if let line = finding.location.line { position += ":\(line)" }
            if let column = finding.location.column { position += ":\(column)" }
            let message = oneLine(finding.message[language])
            return "\(position): \(severityWord(finding.severity, language)): [\(finding.rule)] \(message)"
        }
    }

    /// Keeps a finding on one line: line breaks inside quoted values are shown as `⏎`.
    public static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return String(text.map { $0.isNewline ? "⏎" : $0 })
    }

    /// The closing line of a file's report: verdict and counts.
    public static func summary(for report: FileReport, language: Language) -> String {
        let findings = report.checked.findings
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let verdict = verdictWord(report.checked.verdict, language)
        switch language {
        case .zhTW:
            return "\(report.input.path)：\(verdict)（錯誤 \(errors) 項、警告 \(warnings) 項、證書 \(report.checked.consignments.count) 份）"
        case .en:
            return "\(report.input.path): \(verdict) (errors: \(errors), warnings: \(warnings), certificates: \(report.checked.consignments.count))"
        }
    }

    public static func severityWord(_ severity: Severity, _ language: Language) -> String {
        switch (severity, language) {
        case (.error, .zhTW): return "錯誤"
        case (.warning, .zhTW): return "警告"
        case (.info, .zhTW): return "資訊"
        case (_, .en): return severity.rawValue
        }
    }

    public static func verdictWord(_ verdict: Verdict, _ language: Language) -> String {
        switch (verdict, language) {
        case (.accepted, .zhTW): return "通過"
        case (.rejected, .zhTW): return "退回"
        case (.incomplete, .zhTW): return "未完成"
        case (_, .en): return verdict.rawValue
        }
    }
}
