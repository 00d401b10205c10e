import Foundation

/// One file in the ledger.
public struct LedgerFile: Sendable, Equatable {
    public enum State: String, Sendable {
        /// Taken from the inbox; outputs not yet recorded.
        case claimed
        /// Outputs written and recorded; the original not yet moved out of the claimed folder.
        case recorded
        /// The original is in the archive or the failed folder.
        case archived
    }

    public var id: Int64
    public var name: String
    public var size: Int
    public var sha256: String
    public var state: State
    public var verdict: Verdict?
    public var duplicateOf: Int64?
    public var claimedPath: String
    public var outputFolder: String?
    public var archivePath: String?
    public var exporter: String?
    public var receivedAt: String
    public var finishedAt: String?
}

/// One consignment version in the ledger.
public struct LedgerConsignment: Sendable, Equatable {
    public var id: Int64
    public var fileID: Int64
    public var reference: String
    public var model: String?
    public var verdict: Verdict
    public var contentSHA256: String
    public var previousID: Int64?
    public var drafts: [String]
    public var fileName: String
    public var receivedAt: String
    /// The output folder of the file this version came in, where its drafts are.
    public var outputFolder: String?
}

/// The SQLite ledger of every file taken, every consignment and every finding. One owner keeps
/// the connection, and every change to a file's record is one transaction.
public final class Ledger {
    public let database: SQLiteDatabase
    public let path: String

    /// The schema version this code writes; older ledgers are migrated on open.
    public static let schemaVersion = 1

    public init(path: String) throws {
        self.path = path
        database = try SQLiteDatabase(path: path)
        try migrate()
    }

    // MARK: - Schema

    private func migrate() throws {
        let version = try database.query("PRAGMA user_version") { $0.integer(0) ?? 0 }.first ?? 0
        if version > Int64(Self.schemaVersion) {
            throw SQLiteError(
                code: 1, message: "ledger schema version \(version) is newer than this program's \(Self.schemaVersion)",
                context: "open \(path)")
        }
        try database.transaction {
            if version < 1 {
                try database.execute(Self.schemaVersion1)
            }
            try database.execute("PRAGMA user_version = \(Self.schemaVersion)")
        }
    }

    static let schemaVersion1 = """
        CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            exporter TEXT,
            received_at TEXT NOT NULL,
            finished_at TEXT,
            state TEXT NOT NULL CHECK (state IN ('claimed', 'recorded', 'archived')),
            verdict TEXT CHECK (verdict IN ('accepted', 'rejected', 'incomplete')),
            duplicate_of INTEGER REFERENCES files(id),
            claimed_path TEXT NOT NULL,
            output_folder TEXT,
            archive_path TEXT
        );
        CREATE INDEX files_sha256 ON files(sha256);
        CREATE INDEX files_received_at ON files(received_at);
        CREATE TABLE consignments (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            reference TEXT NOT NULL,
            model TEXT,
            verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected', 'incomplete')),
            content_sha256 TEXT NOT NULL,
            previous_id INTEGER REFERENCES consignments(id),
            drafts TEXT NOT NULL
        );
        CREATE INDEX consignments_reference ON consignments(reference);
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            consignment_id INTEGER REFERENCES consignments(id) ON DELETE CASCADE,
            rule TEXT NOT NULL,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            field TEXT,
            box TEXT,
            line INTEGER,
            record INTEGER,
            column_name TEXT,
            value TEXT,
            expected TEXT,
            message_zh_tw TEXT NOT NULL,
            message_en TEXT NOT NULL
        );
        CREATE INDEX findings_file ON findings(file_id);
        CREATE INDEX findings_rule ON findings(rule);
        """

    // MARK: - Files

    static let fileColumns = """
        id, name, size, sha256, state, verdict, duplicate_of, claimed_path, output_folder, archive_path, \
        exporter, received_at, finished_at
        """

    static func file(_ row: SQLiteDatabase.Statement) -> LedgerFile {
        LedgerFile(
            id: row.integer(0) ?? 0, name: row.text(1) ?? "", size: Int(row.integer(2) ?? 0), sha256: row.text(3) ?? "",
            state: LedgerFile.State(rawValue: row.text(4) ?? "") ?? .claimed, verdict: row.text(5).flatMap(Verdict.init(rawValue:)),
            duplicateOf: row.integer(6), claimedPath: row.text(7) ?? "", outputFolder: row.text(8), archivePath: row.text(9),
            exporter: row.text(10), receivedAt: row.text(11) ?? "", finishedAt: row.text(12))
    }

    /// Records a file just claimed, with the output folder planned for it; returns its id.
    public func recordClaim(
        name: String, size: Int, sha256: String, claimedPath: String, plannedOutputFolder: String, at time: String
    ) throws -> Int64 {
        try database.transaction {
            try database.run(
                """
                INSERT INTO files (name, size, sha256, received_at, state, claimed_path, output_folder)
                VALUES (?, ?, ?, ?, 'claimed', ?, ?)
                """,
                [.text(name), .integer(Int64(size)), .text(sha256), .text(time), .text(claimedPath), .text(plannedOutputFolder)])
        }
    }

    public func file(id: Int64) throws -> LedgerFile? {
        try database.query("SELECT \(Self.fileColumns) FROM files WHERE id = ?", [.integer(id)], row: Self.file).first
    }

    /// Files whose processing did not reach the archive (a crash or a stop in between).
    public func unfinishedFiles() throws -> [LedgerFile] {
        try database.query("SELECT \(Self.fileColumns) FROM files WHERE state <> 'archived' ORDER BY id", row: Self.file)
    }

    public func file(claimedPath: String) throws -> LedgerFile? {
        try database.query(
            "SELECT \(Self.fileColumns) FROM files WHERE claimed_path = ? AND state <> 'archived' ORDER BY id DESC LIMIT 1",
            [.text(claimedPath)], row: Self.file
        ).first
    }

    /// Finds the earliest recorded file with this content that was processed itself (not a duplicate).
    public func originalFile(sha256: String, excluding id: Int64) throws -> LedgerFile? {
        try originalFiles(sha256: sha256, excluding: id).last
    }

    /// Returns every checked file with this content that was not itself a duplicate, newest first.
    public func originalFiles(sha256: String, excluding id: Int64) throws -> [LedgerFile] {
        try database.query(
            """
            SELECT \(Self.fileColumns) FROM files
            WHERE sha256 = ? AND id <> ? AND state <> 'claimed' AND duplicate_of IS NULL
            ORDER BY id DESC
            """,
            [.text(sha256), .integer(id)], row: Self.file)
    }

    public func files(receivedSince time: String) throws -> [LedgerFile] {
        try database.query(
            "SELECT \(Self.fileColumns) FROM files WHERE received_at >= ? ORDER BY id", [.text(time)], row: Self.file)
    }

    /// Updates the planned output folder (when the planned name was taken meanwhile).
    public func setOutputFolder(fileID: Int64, to folder: String) throws {
        try database.transaction {
            try database.run("UPDATE files SET output_folder = ? WHERE id = ?", [.text(folder), .integer(fileID)])
        }
    }

    /// Records a file's outcome in one transaction: verdict, output folder, where the original will
    /// go, its consignments (each linked to the previous version of its reference) and findings.
    public func recordOutcome(
        fileID: Int64, report: FileReport?, duplicateOf: Int64?, outputFolder: String, archivePath: String, at time: String
    ) throws {
        try database.transaction {
            let exporter = report?.checked.consignments.first?.consignment.header["consignor_name"]?.text
            try database.run(
                """
                UPDATE files SET state = 'recorded', verdict = ?, duplicate_of = ?, output_folder = ?, archive_path = ?,
                    exporter = ?, finished_at = ?
                WHERE id = ?
                """,
                [
                    .optional(report?.checked.verdict.rawValue), duplicateOf.map { .integer($0) } ?? .null, .text(outputFolder),
                    .text(archivePath), .optional(exporter), .text(time), .integer(fileID),
                ])
            guard let report else { return }
            var consignmentIDs: [String: Int64] = [:]
            for consignment in report.checked.consignments {
                let reference = consignment.consignment.reference
                let previous = try database.query(
                    "SELECT id FROM consignments WHERE reference = ? AND file_id <> ? ORDER BY id DESC LIMIT 1",
                    [.text(reference), .integer(fileID)]
                ) { $0.integer(0) }.first ?? nil
                let drafts = JSONValue.array((report.drafts[reference] ?? []).map { .string($0) }).serialized()
                consignmentIDs[reference] = try database.run(
                    """
                    INSERT INTO consignments (file_id, reference, model, verdict, content_sha256, previous_id, drafts)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(fileID), .text(reference), .optional(consignment.model?.id), .text(consignment.verdict.rawValue),
                        .text(Self.contentDigest(consignment.consignment)), previous.map { .integer($0) } ?? .null, .text(drafts),
                    ])
            }
            for finding in report.checked.findings {
                try database.run(
                    """
                    INSERT INTO findings (file_id, consignment_id, rule, kind, severity, field, box, line, record, column_name,
                        value, expected, message_zh_tw, message_en)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(fileID), finding.consignment.flatMap { consignmentIDs[$0] }.map { .integer($0) } ?? .null,
                        .text(finding.rule), .text(finding.kind.rawValue), .text(finding.severity.rawValue), .optional(finding.field),
                        .optional(finding.box), .optional(finding.location.line), .optional(finding.location.record),
                        .optional(finding.location.column), .optional(finding.value), .optional(finding.expected),
                        .text(finding.message.zhTW), .text(finding.message.en),
                    ])
            }
        }
    }

    /// Marks the original as moved to its archive path.
    public func markArchived(fileID: Int64) throws {
        try database.transaction {
            try database.run("UPDATE files SET state = 'archived' WHERE id = ?", [.integer(fileID)])
        }
    }

    // MARK: - Consignments

    /// Every version of a consignment reference, oldest first.
    public func versions(of reference: String) throws -> [LedgerConsignment] {
        try database.query(
            """
            SELECT c.id, c.file_id, c.reference, c.model, c.verdict, c.content_sha256, c.previous_id, c.drafts, f.name, f.received_at,
                f.output_folder
            FROM consignments c JOIN files f ON f.id = c.file_id
            WHERE c.reference = ? ORDER BY c.id
            """,
            [.text(reference)]
        ) { row in
            let draftsJSON = row.text(7) ?? "[]"
            let drafts = (try? JSONSerialization.jsonObject(with: Data(draftsJSON.utf8))) as? [String] ?? []
            return LedgerConsignment(
                id: row.integer(0) ?? 0, fileID: row.integer(1) ?? 0, reference: row.text(2) ?? "", model: row.text(3),
                verdict: Verdict(rawValue: row.text(4) ?? "") ?? .incomplete, contentSHA256: row.text(5) ?? "",
                previousID: row.integer(6), drafts: drafts, fileName: row.text(8) ?? "", receivedAt: row.text(9) ?? "",
                outputFolder: row.text(10))
        }
    }

    /// A digest of a consignment's values as written, so a resubmission with other content is a new version.
    static func contentDigest(_ consignment: NormalizedConsignment) -> String {
        var text = ""
        func append(_ group: NormalizedValues, _ label: String) {
            text += "[\(label)]\n"
            for (field, value) in group.pairs.sorted(by: { $0.0 < $1.0 }) {
                text += "\(field)=\(value.source.raw)\n"
            }
        }
        append(consignment.header, "consignment")
        consignment.documents.forEach { append($0, "document") }
        consignment.containers.forEach { append($0, "container") }
        consignment.lines.forEach { append($0, "line") }
        return SHA256.hexDigest(Array(text.utf8))
    }
}

extension Ledger {
    /// Removes a file's record whose claim was undone (the input went back to the inbox).
    public func forget(fileID: Int64) throws {
        try database.transaction {
            try database.run("DELETE FROM files WHERE id = ? AND state = 'claimed'", [.integer(fileID)])
        }
    }
}

extension Ledger {
    /// Lists the findings of a recorded file, one `rule|line|column|value` line each, sorted, to
    /// tell whether a resent file has the same outcome.
    public func findingSignature(fileID: Int64) throws -> [String] {
        try database.query(
            "SELECT rule, line, column_name, value FROM findings WHERE file_id = ?", [.integer(fileID)]
        ) { row in
            [row.text(0) ?? "", row.integer(1).map { String($0) } ?? "", row.text(2) ?? "", row.text(3) ?? ""]
                .joined(separator: "|")
        }.sorted()
    }

    public static func findingSignature(_ findings: [Finding]) -> [String] {
        findings.map { finding in
            [finding.rule, finding.location.line.map(String.init) ?? "", finding.location.column ?? "", finding.value ?? ""]
                .joined(separator: "|")
        }.sorted()
    }
}
