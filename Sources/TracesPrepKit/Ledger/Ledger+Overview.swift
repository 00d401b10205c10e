import Foundation

/// A ledger file with what the officers' summary and status show about it.
public struct LedgerFileOverview: Sendable, Equatable {
    /// The ledger's record. A duplicate without an exporter of its own shows its original's.
    public var file: LedgerFile
    /// The file's verdict. A duplicate recorded without a verdict of its own takes its original's,
    /// because it has the same bytes. A file recorded without any verdict could not be read, so it
    /// counts as incomplete. Nil while the file is still claimed.
    public var verdict: Verdict?
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var consignments: Int
    /// The output folder containing the file's reports. A duplicate links its own short report,
    /// which names the original; one recorded without an output folder uses its original's.
    public var reportFolder: String?
}

/// How often one rule fired in a period.
public struct LedgerRuleCount: Sendable, Equatable {
    public var rule: String
    public var severity: Severity
    public var kind: String
    public var findings: Int
    public var files: Int
    /// The newest finding of the rule, whose message the summary shows as a sample.
    public var sampleFindingID: Int64
}

extension Ledger {
    // MARK: - Files with their counts

    /// Returns every file received at or after `time` (stored ISO 8601 UTC text), oldest first, with its
    /// effective verdict and finding counts.
    public func fileOverviews(receivedSince time: String) throws -> [LedgerFileOverview] {
        try fileOverviews(where: "f.received_at >= ?", [.text(time)])
    }

    /// Returns the files not yet archived (state claimed or recorded), oldest first.
    public func unfinishedFileOverviews() throws -> [LedgerFileOverview] {
        try fileOverviews(where: "f.state <> 'archived'", [])
    }

    private func fileOverviews(where condition: String, _ values: [SQLiteValue]) throws -> [LedgerFileOverview] {
        let columns = Self.fileColumns.split(separator: ",").map { "f." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        // A duplicate recorded without its own verdict takes its findings and reports from the original.
        let source = "(CASE WHEN f.verdict IS NULL AND f.duplicate_of IS NOT NULL THEN f.duplicate_of ELSE f.id END)"
        let sql = """
            SELECT \(columns.joined(separator: ", ")), o.verdict, o.output_folder, o.exporter,
                (SELECT COUNT(*) FROM findings g WHERE g.file_id = \(source) AND g.severity = 'error'),
                (SELECT COUNT(*) FROM findings g WHERE g.file_id = \(source) AND g.severity = 'warning'),
                (SELECT COUNT(*) FROM findings g WHERE g.file_id = \(source) AND g.severity = 'info'),
                (SELECT COUNT(*) FROM consignments c WHERE c.file_id = \(source))
            FROM files f LEFT JOIN files o ON o.id = f.duplicate_of
            WHERE \(condition)
            ORDER BY f.received_at, f.id
            """
        return try database.query(sql, values) { row in
            var file = Self.file(row)
            let originalVerdict = row.text(13).flatMap(Verdict.init(rawValue:))
            let takesOriginal = file.verdict == nil && file.duplicateOf != nil
            if takesOriginal && file.exporter == nil {
                file.exporter = row.text(15)
            }
            var verdict = file.verdict ?? (takesOriginal ? originalVerdict : nil)
            if verdict == nil && file.state != .claimed {
                verdict = .incomplete
            }
            return LedgerFileOverview(
                file: file, verdict: verdict,
                errors: Int(row.integer(16) ?? 0), warnings: Int(row.integer(17) ?? 0), infos: Int(row.integer(18) ?? 0),
                consignments: Int(row.integer(19) ?? 0),
                reportFolder: Self.reportFolder(own: file.outputFolder, original: takesOriginal ? row.text(14) : nil))
        }
    }

    /// Picks the folder to link: the file's own output folder when it contains a report, else its original's (for a duplicate).
    static func reportFolder(own: String?, original: String?) -> String? {
        if let own, LedgerSummary.reportPath(in: own) != nil { return own }
        return original ?? own
    }

    // MARK: - Findings by rule

    /// Counts the findings of the files received at or after `time` by rule, severity and kind,
    /// most frequent first.
    public func ruleCounts(receivedSince time: String) throws -> [LedgerRuleCount] {
        try database.query(
            """
            SELECT rule, severity, kind, COUNT(*), COUNT(DISTINCT file_id), MAX(id)
            FROM findings
            WHERE file_id IN (SELECT id FROM files WHERE received_at >= ?)
            GROUP BY rule, severity, kind
            ORDER BY COUNT(*) DESC, rule
            """,
            [.text(time)]
        ) { row in
            LedgerRuleCount(
                rule: row.text(0) ?? "", severity: Severity(rawValue: row.text(1) ?? "") ?? .error, kind: row.text(2) ?? "",
                findings: Int(row.integer(3) ?? 0), files: Int(row.integer(4) ?? 0), sampleFindingID: row.integer(5) ?? 0)
        }
    }

    /// Returns the message of one finding in both languages.
    public func findingMessage(id: Int64) throws -> LocalizedText? {
        try database.query("SELECT message_zh_tw, message_en FROM findings WHERE id = ?", [.integer(id)]) { row in
            LocalizedText(zhTW: row.text(0) ?? "", en: row.text(1) ?? "")
        }.first
    }
}
