import Foundation

/// The ledger's account of a period for the officers' morning reading: counts by outcome, by
/// exporter and by rule, the most frequent errors and every file received.
public struct LedgerSummary: Sendable {
    /// Files by outcome. `duplicates` overlaps the verdict counts because a duplicate has a verdict too.
    public struct Totals: Sendable, Equatable {
        public var received = 0
        public var accepted = 0
        public var rejected = 0
        public var incomplete = 0
        /// Claimed files without a verdict yet.
        public var inProgress = 0
        public var duplicates = 0

        mutating func add(_ overview: LedgerFileOverview) {
            received += 1
            switch overview.verdict {
            case .accepted: accepted += 1
            case .rejected: rejected += 1
            case .incomplete: incomplete += 1
            case nil: inProgress += 1
            }
            if overview.file.duplicateOf != nil {
                duplicates += 1
            }
        }
    }

    public struct ExporterTotals: Sendable, Equatable {
        /// The consignor name of the file's first consignment, or nil when the ledger has none.
        public var exporter: String?
        public var totals: Totals
    }

    /// One of the most frequent errors, with the message of its newest finding as a sample.
    public struct FrequentError: Sendable, Equatable {
        public var count: LedgerRuleCount
        public var sampleMessage: LocalizedText
    }

    /// How many of the most frequent error rules the summary lists.
    public static let frequentErrorLimit = 10

    public var since: Date
    public var until: Date
    public var ledgerPath: String
    public var totals: Totals
    public var exporters: [ExporterTotals]
    public var rules: [LedgerRuleCount]
    public var frequentErrors: [FrequentError]
    public var files: [LedgerFileOverview]
    /// The absolute path of each file's report by file id: `report.html` in its report folder, or
    /// `report.txt` for a file that could not be read. Files whose report is missing have none.
    public var reports: [Int64: String]

    /// Reads the files received from `since` on and counts them. `until` is the time the summary
    /// was made, so the ledger contains no later files.
    public init(ledger: Ledger, since: Date, until: Date) throws {
        let sinceText = LedgerTime.string(from: since)
        self.since = since
        self.until = until
        ledgerPath = ledger.path
        files = try ledger.fileOverviews(receivedSince: sinceText)
        rules = try ledger.ruleCounts(receivedSince: sinceText)

        totals = Totals()
        var byExporter: [String?: Totals] = [:]
        for overview in files {
            totals.add(overview)
            byExporter[overview.file.exporter, default: Totals()].add(overview)
        }
        exporters = byExporter.map { ExporterTotals(exporter: $0.key, totals: $0.value) }.sorted(by: Self.exporterOrder)

        let errorRules = rules.filter { $0.severity == .error }
        var frequent: [FrequentError] = []
        for count in errorRules.prefix(Self.frequentErrorLimit) {
            let message = try ledger.findingMessage(id: count.sampleFindingID) ?? LocalizedText(zhTW: "", en: "")
            frequent.append(FrequentError(count: count, sampleMessage: message))
        }
        frequentErrors = frequent
        reports = [:]
        for overview in files {
            reports[overview.file.id] = Self.reportPath(in: overview.reportFolder)
        }
    }

    /// Returns the report in an output folder, resolving a relative folder against the working directory.
    static func reportPath(in folder: String?) -> String? {
        guard let folder else { return nil }
        let base = URL(fileURLWithPath: folder).standardizedFileURL
        for name in ["report.html", "report.txt"] {
            let path = base.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path) {
                return path
            }
        }
        return nil
    }

    /// Orders exporters by file count, most first, then by name. Files without an exporter come last.
    private static func exporterOrder(_ left: ExporterTotals, _ right: ExporterTotals) -> Bool {
        if (left.exporter == nil) != (right.exporter == nil) {
            return right.exporter == nil
        }
        if left.totals.received != right.totals.received {
            return left.totals.received > right.totals.received
        }
        return (left.exporter ?? "") < (right.exporter ?? "")
    }

    /// The name shown for files whose exporter the ledger does not know.
    public static let unknownExporter = "(unknown)"
}
