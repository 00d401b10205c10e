/// Builds the JSON document of a ledger summary. Times are ISO 8601 UTC as the ledger stores them.
public enum SummaryJSON {
    public static func document(for summary: LedgerSummary) -> JSONValue {
        .object([
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version))])),
            ("ledger", .string(summary.ledgerPath)),
            ("period", .object([
                ("since", .string(LedgerTime.string(from: summary.since))),
                ("until", .string(LedgerTime.string(from: summary.until))),
            ])),
            ("totals", totals(summary.totals)),
            ("exporters", .array(summary.exporters.map { entry in
                .object([("exporter", .string(entry.exporter ?? LedgerSummary.unknownExporter))] + totalsMembers(entry.totals))
            })),
            ("rules", .array(summary.rules.map(rule))),
            ("frequent_errors", .array(summary.frequentErrors.map { entry in
                .object([
                    ("rule", .string(entry.count.rule)),
                    ("kind", .string(entry.count.kind)),
                    ("errors", number(entry.count.findings)),
                    ("files", number(entry.count.files)),
                    ("sample_message", .object([
                        ("zh-TW", .string(entry.sampleMessage.zhTW)), ("en", .string(entry.sampleMessage.en)),
                    ])),
                ])
            })),
            ("files", .array(summary.files.map { file(summary, $0) })),
        ])
    }

    private static func totals(_ totals: LedgerSummary.Totals) -> JSONValue {
        .object(totalsMembers(totals))
    }

    private static func totalsMembers(_ totals: LedgerSummary.Totals) -> [(String, JSONValue)] {
        [
            ("received", number(totals.received)),
            ("accepted", number(totals.accepted)),
            ("rejected", number(totals.rejected)),
            ("incomplete", number(totals.incomplete)),
            ("in_progress", number(totals.inProgress)),
            ("duplicates", number(totals.duplicates)),
        ]
    }

    private static func rule(_ count: LedgerRuleCount) -> JSONValue {
        .object([
            ("rule", .string(count.rule)),
            ("severity", .string(count.severity.rawValue)),
            ("kind", .string(count.kind)),
            ("findings", number(count.findings)),
            ("files", number(count.files)),
        ])
    }

    private static func file(_ summary: LedgerSummary, _ overview: LedgerFileOverview) -> JSONValue {
        let file = overview.file
        return .object([
            ("id", .number(String(file.id))),
            ("received_at", .string(file.receivedAt)),
            ("name", .string(file.name)),
            ("exporter", .optional(file.exporter)),
            ("state", .string(file.state.rawValue)),
            ("verdict", .optional(overview.verdict?.rawValue)),
            ("duplicate_of", file.duplicateOf.map { .number(String($0)) } ?? .null),
            ("consignments", number(overview.consignments)),
            ("counts", .object([
                ("error", number(overview.errors)), ("warning", number(overview.warnings)), ("info", number(overview.infos)),
            ])),
            ("report", .optional(summary.reports[file.id])),
        ])
    }

    private static func number(_ value: Int) -> JSONValue {
        .number(String(value))
    }
}
