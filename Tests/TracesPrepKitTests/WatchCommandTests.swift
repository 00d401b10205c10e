import Foundation
import Testing
@testable import TracesPrepKit

/// `tracesprep watch` run as a child process on a temporary site (Inbox, Outbox, Archive, Failed).
/// Serialized, so that the timing of a slow copy does not compete with another watcher.
@Suite(.serialized) struct WatchCommandTests {
    /// A consignment file of about 2 KB: one valid consignment and one without its entry BCP.
    static let consignments = Array(InboxProcessorTests.twoConsignments.utf8)

    /// Creates a site folder with an empty Inbox, which the caller removes.
    static func makeSite() throws -> URL {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("watch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Inbox"), withIntermediateDirectories: true)
        return site
    }

    /// Starts `watch` on the site's inbox with the shipped rules, unless `arguments` name others.
    static func startWatch(site: URL, _ arguments: [String]) throws -> WatchProcess {
        var all = [
            "--inbox", site.appendingPathComponent("Inbox").path, "--outbox", site.appendingPathComponent("Outbox").path,
        ] + arguments
        if !arguments.contains("--rules") {
            all += ["--rules", rulesFolder.path]
        }
        let watch = try WatchProcess(all, streamsIn: site)
        #expect(watch.waitForLog("watch started"), "watch did not start: \(watch.log)")
        return watch
    }

    /// Visible file names in a folder, sorted.
    static func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    // MARK: - Settling

    @Test func slowCopyTakenOnceWhenComplete() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let watch = try Self.startWatch(site: site, ["--settle", "0.8"])
        #expect(watch.logLines(containing: "watch started").first?.contains("mode=inotify") == true)

        // Five pieces 0.1 s apart, so every pause is shorter than the settle interval.
        let target = site.appendingPathComponent("Inbox/batch.csv")
        try Data().write(to: target)
        let handle = try FileHandle(forWritingTo: target)
        let pieceSize = (Self.consignments.count + 4) / 5
        for start in stride(from: 0, to: Self.consignments.count, by: pieceSize) {
            try handle.write(contentsOf: Self.consignments[start..<min(start + pieceSize, Self.consignments.count)])
            Thread.sleep(forTimeInterval: 0.1)
        }
        try handle.close()

        #expect(watch.waitForLog("original archived"), "file not archived: \(watch.log)")
        // Two more settle intervals, in which a second hand-over would show.
        Thread.sleep(forTimeInterval: 1.6)
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0)

        let settled = watch.logLines(containing: "file settled")
        #expect(settled.count == 1)
        #expect(settled.first?.contains("file=batch.csv bytes=\(Self.consignments.count) ") == true)
        #expect(watch.logLines(containing: "file taken").count == 1)
        let archived = try Data(contentsOf: site.appendingPathComponent("Archive/batch.csv"))
        #expect([UInt8](archived) == Self.consignments)
        #expect(Self.names(in: site.appendingPathComponent("Inbox")) == [])

        // The report describes the whole file, so validation read it complete.
        let outputs = Self.names(in: site.appendingPathComponent("Outbox"))
        #expect(outputs.count == 1)
        let reportURL = site.appendingPathComponent("Outbox").appendingPathComponent(outputs.first ?? "")
            .appendingPathComponent("report.json")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: reportURL)) as? [String: Any]
        let input = report?["input"] as? [String: Any]
        #expect(input?["size"] as? Int == Self.consignments.count)
        #expect(input?["sha256"] as? String == SHA256.hexDigest(Self.consignments))
        #expect(report?["verdict"] as? String == "rejected")
        #expect(watch.output.split(separator: "\n").count == 1)
    }

    @Test func temporaryNamesNeverTaken() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let inbox = site.appendingPathComponent("Inbox")
        let watch = try Self.startWatch(site: site, ["--settle", "0.3"])

        let temporary = ["~$x.csv", "x.csv.part", ".~lock.x.csv#", "x.tmp"]
        for name in temporary {
            try Data(Self.consignments).write(to: inbox.appendingPathComponent(name))
        }
        try Data(Self.consignments).write(to: inbox.appendingPathComponent("ready.csv"))

        #expect(watch.waitForLog("original archived"), "ready.csv not archived: \(watch.log)")
        Thread.sleep(forTimeInterval: 1)
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0)

        #expect(watch.logLines(containing: "file settled").count == 1)
        #expect(watch.logLines(containing: "file=ready.csv").count >= 1)
        for name in temporary {
            #expect(watch.logLines(containing: "file=\(name)") == [], "\(name) appears in the log")
            #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent(name).path), "\(name) left the inbox")
        }
        #expect(Self.names(in: site.appendingPathComponent("Archive")) == ["ready.csv"])
    }

    @Test func pollModeTakesFile() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let watch = try Self.startWatch(site: site, ["--poll", "0.2", "--settle", "0.3"])

        try Data(Self.consignments).write(to: site.appendingPathComponent("Inbox/polled.csv"))

        #expect(watch.waitForLog("original archived"), "file not archived: \(watch.log)")
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0)
        let started = watch.logLines(containing: "watch started").first ?? ""
        #expect(started.contains("mode=poll"))
        #expect(started.contains("poll=0.2s"))
        #expect(Self.names(in: site.appendingPathComponent("Archive")) == ["polled.csv"])
    }

    // MARK: - Failures

    @Test func failedProcessingRetriedLater() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let outbox = site.appendingPathComponent("Outbox")
        let watch = try Self.startWatch(site: site, ["--settle", "0.3"])
        // The outbox becomes a link to /proc/self. It exists as a folder, but no folder can be
        // created in it, even by root, so writing the outputs fails.
        try FileManager.default.removeItem(at: outbox)
        try FileManager.default.createSymbolicLink(atPath: outbox.path, withDestinationPath: "/proc/self")

        try Data(Self.consignments).write(to: site.appendingPathComponent("Inbox/batch.csv"))

        #expect(watch.waitForLog("processing failed; will retry"), "no failure logged: \(watch.log)")
        let failure = watch.logLines(containing: "processing failed; will retry").first ?? ""
        #expect(failure.contains("file=batch.csv attempt=1 retry.in=1s"))
        #expect(Self.names(in: site.appendingPathComponent("Inbox")) == ["batch.csv"])

        try FileManager.default.removeItem(at: outbox)
        #expect(watch.waitForLog("original archived", timeout: 10), "file not archived after the retry: \(watch.log)")
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0)
        #expect(Self.names(in: site.appendingPathComponent("Archive")) == ["batch.csv"])
        #expect(Self.names(in: site.appendingPathComponent("Inbox")) == [])
    }

    // MARK: - Signals

    @Test(arguments: [SIGTERM, SIGINT])
    func stopSignalWhileIdleExitsZero(signal: Int32) throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let watch = try Self.startWatch(site: site, [])

        watch.send(signal)

        #expect(watch.waitForExit(timeout: 3) == 0)
        let name = signal == SIGTERM ? "SIGTERM" : "SIGINT"
        #expect(watch.logLines(containing: "watch stopped signal=\(name)").count == 1)
    }

    @Test func hangupReloadsAndKeepsRulesWhenBroken() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let rules = try copyRules(into: site)
        let watch = try Self.startWatch(site: site, ["--rules", rules.path, "--settle", "0.3"])

        watch.send(SIGHUP)
        #expect(watch.waitForLog("rules reloaded"), "no reload logged: \(watch.log)")

        let ruleFile = rules.appendingPathComponent("packs/bsmi-2020/rules.json")
        let text = try String(contentsOf: ruleFile, encoding: .utf8)
        let broken = text.replacingOccurrences(of: #""severity": "error""#, with: #""severity": "fatal""#)
        #expect(broken != text)
        try broken.write(to: ruleFile, atomically: true, encoding: .utf8)
        watch.send(SIGHUP)

        #expect(watch.waitForLog("rules reload failed; keeping the previous rules"), "no failure logged: \(watch.log)")
        let failure = watch.logLines(containing: "rules reload failed").first ?? ""
        #expect(failure.contains("rules.file=\(ruleFile.path)"))
        #expect(failure.contains("json.path=$.rules[0].severity"))

        // Still running, and still checking with the previous rules.
        try Data(Self.consignments).write(to: site.appendingPathComponent("Inbox/after-reload.csv"))
        #expect(watch.waitForLog("verdict=rejected"), "file not checked after the failed reload: \(watch.log)")
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0)
    }

    // MARK: - Start-up

    @Test func secondInstanceExits75() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let watch = try Self.startWatch(site: site, [])
        let folders = ["--inbox", site.appendingPathComponent("Inbox").path, "--outbox", site.appendingPathComponent("Outbox").path]

        let secondWatch = runTool(["watch"] + folders + ["--rules", rulesFolder.path, "--lang", "en"])
        let run = runTool(["run"] + folders + ["--rules", rulesFolder.path, "--lang", "en"])

        #expect(secondWatch.status == 75)
        #expect(secondWatch.standardError.contains("process id \(watch.processIdentifier)"))
        #expect(run.status == 75)
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0)
    }

    @Test func missingInboxExits66() throws {
        try withTemporaryFolder { folder in
            let inbox = folder.appendingPathComponent("absent").path

            let result = runTool(["watch", "--inbox", inbox, "--rules", rulesFolder.path, "--lang", "en"])

            #expect(result.status == 66)
            #expect(result.standardError.contains("inbox folder '\(inbox)' not found"))
        }
    }

    @Test(arguments: ["abc", "0", "0.05", "-1", "1e3", "3601", "1,5"])
    func invalidSecondsExit64(value: String) {
        // A usage error stops the parse before --lang is read, so the language comes from the environment.
        let settle = runTool(["watch", "--settle", value], environment: ["TRACESPREP_LANG": "en"])
        let poll = runTool(["watch", "--poll", value], environment: ["TRACESPREP_LANG": "en"])

        #expect(settle.status == 64)
        #expect(settle.standardError.contains("--settle takes a number of seconds from 0.1 to 3600"))
        #expect(poll.status == 64)
        #expect(poll.standardError.contains("--poll takes a number of seconds from 0.1 to 3600"))
    }

    @Test func decimalSecondsParsed() throws {
        let options = try ParsedOptions.parse(["watch", "--settle", "0.5", "--poll=.25"])

        #expect(options.settle == 0.5)
        #expect(options.poll == 0.25)
    }

    @Test func helpDescribesWatchInBothLanguages() {
        let english = runTool(["watch", "--help", "--lang", "en"])
        let chinese = runTool(["watch", "--help", "--lang", "zh-TW"])
        let mainHelp = runTool(["--help", "--lang", "zh-TW"])

        #expect(english.status == 0)
        #expect(english.standardOutput.contains("USAGE: tracesprep watch"))
        #expect(english.standardOutput.contains("--settle SECONDS"))
        #expect(chinese.standardOutput.contains("用法：tracesprep watch"))
        #expect(chinese.standardOutput.contains("--poll 秒數"))
        #expect(mainHelp.standardOutput.contains("  watch "))
    }
}
