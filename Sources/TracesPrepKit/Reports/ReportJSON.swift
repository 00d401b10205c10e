/// Builds the JSON report of one input file, with the keys and order the report contract fixes.
public enum ReportJSON {
    public static func document(for report: FileReport) -> JSONValue {
        let checked = report.checked
        var input: [(String, JSONValue)] = [
            ("path", .string(report.input.path)),
            // A file too large to read has no digest.
            ("sha256", report.input.sha256.isEmpty ? .null : .string(report.input.sha256)),
            ("size", .number(String(report.input.size))),
            ("format", .optional(report.input.format?.rawValue)),
            ("encoding", .optional(checked.file.encoding?.rawValue)),
        ]
        if report.input.format == .csv {
            input.append(("delimiter", .optional(checked.file.delimiter)))
        }
        let consignments: [JSONValue] = checked.consignments.map { consignment in
            .object([
                ("reference", .string(consignment.consignment.reference)),
                ("certificate_model", .optional(consignment.model?.id)),
                ("verdict", .string(consignment.verdict.rawValue)),
                ("autofilled", .object(consignment.autofilled.map { ($0.field, .string($0.value)) })),
                ("drafts", .array((report.drafts[consignment.consignment.reference] ?? []).map { .string($0) })),
                ("counts", counts(consignment.findings)),
            ])
        }
        return .object([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("input", .object(input)),
            ("rule_pack", .object([("name", .string(report.packName)), ("version", .string(report.packVersion))])),
            ("verdict", .string(checked.verdict.rawValue)),
            ("consignments", .array(consignments)),
            ("findings", .array(checked.findings.map(finding))),
            ("counts", counts(checked.findings)),
        ])
    }

    public static func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("rule", .string(finding.rule)),
            ("kind", .string(finding.kind.rawValue)),
            ("severity", .string(finding.severity.rawValue)),
            ("field", .optional(finding.field)),
            ("box", .optional(finding.box)),
            ("consignment", .optional(finding.consignment)),
            ("line", .optional(finding.location.line)),
            ("record", .optional(finding.location.record)),
            ("column", .optional(finding.location.column)),
            ("value", .optional(finding.value)),
            ("expected", .optional(finding.expected)),
            ("message", .object([("zh-TW", .string(finding.message.zhTW)), ("en", .string(finding.message.en))])),
        ])
    }

    static func counts(_ findings: [Finding]) -> JSONValue {
        .object(Severity.allCases.map { severity in
            (severity.rawValue, .number(String(findings.filter { $0.severity == severity }.count)))
        })
    }
}
