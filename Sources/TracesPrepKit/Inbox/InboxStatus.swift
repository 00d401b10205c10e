import Foundation

/// The state of an inbox at one moment: files waiting, files being processed and files that
/// failed, read from the folders and, when there is one, the ledger.
public struct InboxStatus: Sendable {
    /// One file in one of the lists. A file found both in a folder and in the ledger is one entry.
    public struct Entry: Sendable, Equatable {
        public var name: String
        /// The file's current path, when one of the folders contains it.
        public var path: String?
        /// The ledger's record of the file, when it has one.
        public var ledgerFile: LedgerFile?
        /// True for a ledger file whose verdict is incomplete (including files that could not be read).
        public var incomplete = false
    }

    /// How far back the failed list looks for incomplete files in the ledger.
    public static let incompleteLookback: TimeInterval = 7 * 24 * 3600

    public var waiting: [Entry] = []
    public var inProgress: [Entry] = []
    public var failed: [Entry] = []

    /// Reads the inbox, its claimed folder and the failed folder, and, when `ledger` is given,
    /// the files it has not archived and those received in the last 7 days with an incomplete verdict.
    public init(folders: InboxFolders, ledger: Ledger?, now: Date) throws {
        waiting = try Self.names(in: folders.inbox).filter(InboxFilter.isConsignmentFile).map { name in
            Entry(name: name, path: folders.inbox.appendingPathComponent(name).path)
        }

        inProgress = try Self.names(in: folders.claimed).map { name in
            Entry(name: name, path: folders.claimed.appendingPathComponent(name).path)
        }
        for overview in try ledger?.unfinishedFileOverviews() ?? [] {
            Self.merge(overview.file, at: overview.file.claimedPath, into: &inProgress, incomplete: false)
        }

        failed = try Self.names(in: folders.failed).filter { !Self.isReportCopy($0) && !InboxFilter.isTemporary($0) }.map { name in
            Entry(name: name, path: folders.failed.appendingPathComponent(name).path)
        }
        let since = LedgerTime.string(from: now.addingTimeInterval(-Self.incompleteLookback))
        for overview in try ledger?.fileOverviews(receivedSince: since) ?? [] where overview.verdict == .incomplete {
            Self.merge(overview.file, at: overview.file.archivePath, into: &failed, incomplete: true)
        }
    }

    /// Attaches a ledger file to the folder entry at `path`, or adds it as an entry of its own.
    private static func merge(_ file: LedgerFile, at path: String?, into entries: inout [Entry], incomplete: Bool) {
        let standardized = path.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if let index = entries.firstIndex(where: { entry in
            entry.ledgerFile == nil && entry.path.map { URL(fileURLWithPath: $0).standardizedFileURL.path } == standardized
        }) {
            entries[index].ledgerFile = file
            entries[index].incomplete = incomplete
        } else {
            entries.append(Entry(name: file.name, path: nil, ledgerFile: file, incomplete: incomplete))
        }
    }

    /// Returns the visible regular files in a folder, sorted, or none when the folder does not exist.
    private static func names(in folder: URL) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            return []
        }
        return try InboxProcessor.listFiles(in: folder)
    }

    /// Returns whether a name in the failed folder is a report `run` copied beside a failed original.
    private static func isReportCopy(_ name: String) -> Bool {
        [".report.txt", ".report.json", ".report.html"].contains { name.lowercased().hasSuffix($0) }
    }
}
