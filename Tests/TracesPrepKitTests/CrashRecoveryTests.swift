import Foundation
import Testing
@testable import TracesPrepKit

/// Kills `tracesprep watch` with SIGKILL at random instants across a batch and checks that the
/// restarted watchers lose no file and write nothing twice.
@Suite("Crash recovery")
struct CrashRecoveryTests {
    typealias Site = InboxProcessorTests

    static func binary() -> URL? {
        // `swift test` builds the debug executable with the tests, so it matches the sources.
        for build in ["debug", "release"] {
            let url = Site.repository.appendingPathComponent(".build/\(build)/tracesprep")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static func startWatch(_ binary: URL, site: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = site
        process.arguments = [
            "watch", "--settle", "0.1", "--rules", Site.repository.appendingPathComponent("Rules").path, "--lang", "en",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("SIGKILL of watch at random points loses and repeats nothing")
    func killAtRandomPoints() throws {
        let binary = try #require(Self.binary(), "build the tracesprep executable first (swift build)")
        let site = try Site.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let inbox = site.appendingPathComponent("Inbox")
        var digests: Set<String> = []
        for index in 0..<200 {
            // Each file differs in its references, so no file is a duplicate of another.
            let text = Site.twoConsignments
                .replacingOccurrences(of: "KH-1,", with: "KH-\(index)-A,")
                .replacingOccurrences(of: "KH-2,", with: "KH-\(index)-B,")
            try text.write(to: inbox.appendingPathComponent(String(format: "batch-%03d.csv", index)), atomically: true, encoding: .utf8)
            digests.insert(SHA256.hexDigest(Array(text.utf8)))
        }
        #expect(digests.count == 200)

        let archive = site.appendingPathComponent("Archive")
        var kills = 0
        var killsWhileProcessing = 0
        var delays: [Int] = []
        while kills < 20 && Site.names(in: archive).count < 200 {
            let archivedBefore = Site.names(in: archive).count
            let process = try Self.startWatch(binary, site: site)
            // Wait until this watcher has archived a file, so the kill lands inside the batch
            // however slow start-up is on a busy machine, then kill it a random moment later,
            // while it claims, writes, records or archives the next files.
            let deadline = Date().addingTimeInterval(60)
            while Site.names(in: archive).count == archivedBefore && Date() < deadline && process.isRunning {
                usleep(5_000)
            }
            let delay = Int.random(in: 0...300)
            delays.append(delay)
            usleep(useconds_t(delay * 1000))
            guard process.isRunning else {
                process.waitUntilExit()
                break
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            kills += 1
            if Site.names(in: archive).count > archivedBefore { killsWhileProcessing += 1 }
        }
        #expect(killsWhileProcessing >= 3, "kill delays in ms: \(delays)")
        // A last watcher runs until every file is archived, then stops on SIGTERM.
        let last = try Self.startWatch(binary, site: site)
        let deadline = Date().addingTimeInterval(120)
        while Site.names(in: archive).count < 200 && Date() < deadline && last.isRunning {
            usleep(100_000)
        }
        kill(last.processIdentifier, SIGTERM)
        last.waitUntilExit()
        #expect(last.terminationStatus == 0, "kill delays in ms: \(delays)")

        // Every input is archived exactly once, byte for byte.
        let archived = Site.names(in: archive)
        #expect(archived.count == 200, "kill delays in ms: \(delays)")
        let archivedDigests = Set(try archived.map { SHA256.hexDigest([UInt8](try Data(contentsOf: archive.appendingPathComponent($0)))) })
        #expect(archivedDigests == digests)
        #expect(Site.names(in: inbox).count == 0)
        #expect(Site.names(in: inbox.appendingPathComponent(".claimed")).isEmpty)

        // One output folder per file, no partial folders, and the ledger agrees.
        let outbox = site.appendingPathComponent("Outbox")
        let folders = try FileManager.default.contentsOfDirectory(atPath: outbox.path).sorted()
        #expect(folders.count == 200, "outbox: \(folders.filter { $0.hasPrefix(".") })")
        #expect(!folders.contains { $0.hasPrefix(".partial-") })
        let ledger = try Ledger(path: site.appendingPathComponent("ledger.sqlite").path)
        let rows = try ledger.database.query("SELECT state, output_folder, archive_path FROM files") {
            ($0.text(0) ?? "", $0.text(1) ?? "", $0.text(2) ?? "")
        }
        #expect(rows.count == 200)
        #expect(rows.allSatisfy { $0.0 == "archived" })
        #expect(Set(rows.map { URL(fileURLWithPath: $0.1).lastPathComponent }) == Set(folders))
        #expect(Set(rows.map { URL(fileURLWithPath: $0.2).lastPathComponent }) == Set(archived))
        for folder in folders {
            let report = outbox.appendingPathComponent(folder).appendingPathComponent("report.json")
            #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: report))) != nil, "\(folder) has no complete report")
        }
        #expect(try ledger.database.query("SELECT COUNT(*) FROM consignments") { $0.integer(0) ?? 0 }.first == 400)
    }
}
