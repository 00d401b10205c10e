import Foundation
import Testing

/// A `tracesprep watch` child process on the built binary, with its standard output and standard
/// error collected in files. The test sends it signals, so it cannot run in the test process.
final class WatchProcess {
    /// `.build/debug/tracesprep`, which `swift test` builds along with the tests.
    static let binary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // TracesPrepKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent(".build/debug/tracesprep")

    private let process = Process()
    private let outputURL: URL
    private let logURL: URL

    var processIdentifier: Int32 { process.processIdentifier }

    /// Standard error so far: the log lines.
    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Standard output so far: one summary line per processed file.
    var output: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }

    /// Starts `tracesprep watch` with English messages, writing its streams into `folder`.
    init(_ arguments: [String], streamsIn folder: URL) throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.binary.path),
            "\(Self.binary.path) is missing; run swift build first")
        outputURL = folder.appendingPathComponent("watch-stdout.txt")
        logURL = folder.appendingPathComponent("watch-stderr.txt")
        try Data().write(to: outputURL)
        try Data().write(to: logURL)
        process.executableURL = Self.binary
        process.arguments = ["watch"] + arguments + ["--lang", "en"]
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: logURL)
        try process.run()
    }

    /// Kills the process if a test ended without stopping it.
    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Returns the log lines containing `text`.
    func logLines(containing text: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { $0.contains(text) }
    }

    /// Waits until the log has `count` lines containing `text`. Returns false after `timeout` seconds.
    func waitForLog(_ text: String, count: Int = 1, timeout: Double = 8) -> Bool {
        waitUntil(timeout: timeout) { self.logLines(containing: text).count >= count }
    }

    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end and returns its exit status, or nil if it still runs after
    /// `timeout` seconds or was ended by a signal.
    func waitForExit(timeout: Double = 5) -> Int32? {
        guard waitUntil(timeout: timeout, { !self.process.isRunning }) else { return nil }
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }
}

/// Checks `condition` every 50 ms until it is true or `timeout` seconds have passed, and returns its last value.
func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
}
