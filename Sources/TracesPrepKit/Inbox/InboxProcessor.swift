import Foundation

/// The folders `run` works with.
public struct InboxFolders: Sendable {
    public var inbox: URL
    public var outbox: URL
    public var archive: URL
    public var failed: URL

    public init(inbox: URL, outbox: URL) {
        self.inbox = inbox
        self.outbox = outbox
        let parent = inbox.standardizedFileURL.deletingLastPathComponent()
        archive = parent.appendingPathComponent("Archive")
        failed = parent.appendingPathComponent("Failed")
    }
}

/// What happened to one inbox file.
public struct InboxResult: Sendable {
    public var fileName: String
    public var verdict: Verdict?
    public var outputs: [String]

    public func summary(_ language: Language) -> String {
        let verdictText = verdict.map { TextReport.verdictWord($0, language) } ?? (language == .zhTW ? "無法讀取" : "unreadable")
        return "\(fileName): \(verdictText)"
    }
}

/// Processes the files waiting in an inbox once.
public struct InboxProcessor {
    public var library: RuleLibrary
    public var folders: InboxFolders
    public var log: (String) -> Void

    public init(library: RuleLibrary, folders: InboxFolders, log: @escaping (String) -> Void) {
        self.library = library
        self.folders = folders
        self.log = log
    }

    public func processWaitingFiles() throws -> [InboxResult] {
        // TODO: claim, write outputs, archive.
        []
    }
}
