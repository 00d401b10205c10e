import Foundation
import Testing
import TracesPrepKit

/// `tracesprep` as a checker calls it: exit codes, output streams, JSON reports and languages.
@Suite("Command line")
struct CommandLineTests {
    /// Writes the valid consignment after `change` as `name` in `folder` and returns its path.
    func writeInput(
        in folder: URL, named name: String = "consignment.csv", changing change: (inout ConsignmentCSV) -> Void = { _ in }
    ) throws -> String {
        var csv = ConsignmentCSV.valid()
        change(&csv)
        let url = folder.appendingPathComponent(name)
        try Data(csv.marked().text.utf8).write(to: url)
        return url.path
    }

    /// The valid consignment with a container number whose check digit should be 9.
    static func wrongCheckDigit(_ csv: inout ConsignmentCSV) {
        csv.rows[0]["container_number"] = "EMCU3811878"
    }

    // MARK: - Exit codes

    @Test("validate: accepted file exits 0")
    func acceptedExitsZero() throws {
        try withTemporaryFolder { folder in
            let path = try writeInput(in: folder)

            let run = runTool(["validate", path, "--rules", rulesFolder.path, "--lang", "en"])

            #expect(run.status == 0)
            #expect(run.standardOutput == "\(path): accepted (errors: 0, warnings: 0, certificates: 1)\n")
            #expect(run.standardError == "")
        }
    }

    @Test("validate: rejected file exits 65")
    func rejectedExits65() throws {
        try withTemporaryFolder { folder in
            let path = try writeInput(in: folder, changing: Self.wrongCheckDigit)

            let run = runTool(["validate", path, "--rules", rulesFolder.path, "--lang", "en"])

            #expect(run.status == 65)
            #expect(run.standardOutput.hasPrefix(
                "\(path):2:container_number: error: [container-number-check-digit] I.19 Container number 'EMCU3811878' "
                    + "has the wrong check digit: ISO 6346 gives 9."))
            #expect(run.standardOutput.hasSuffix("\(path): rejected (errors: 1, warnings: 0, certificates: 1)\n"))
        }
    }

    @Test("validate: missing file exits 66")
    func missingFileExits66() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("absent.csv").path

            let run = runTool(["validate", path, "--rules", rulesFolder.path, "--lang", "en"])

            #expect(run.status == 66)
            #expect(run.standardError == "tracesprep: file '\(path)' not found. Check the path.\n")
        }
    }

    @Test("validate: no file is a usage error")
    func noFileExits64() {
        let run = runTool(["validate", "--rules", rulesFolder.path, "--lang", "en"])

        #expect(run.status == 64)
        #expect(run.standardError == "tracesprep: validate needs at least one file.\nRun 'tracesprep --help' for usage.\n")
        #expect(run.standardOutput == "")
    }

    @Test("validate: unclosed quote exits 70")
    func incompleteExits70() throws {
        try withTemporaryFolder { folder in
            let url = folder.appendingPathComponent("consignment.csv")
            let text = ConsignmentCSV.valid().marked().text.replacingOccurrences(of: ",TL261201", with: ",\"TL261201")
            try Data(text.utf8).write(to: url)

            let run = runTool(["validate", url.path, "--rules", rulesFolder.path, "--lang", "en"])

            #expect(run.status == 70)
            #expect(run.standardOutput.contains("error: [unclosed-quote]"))
            #expect(run.standardOutput.hasSuffix("\(url.path): incomplete (errors: 1, warnings: 0, certificates: 1)\n"))
        }
    }

    @Test("unknown option suggests the nearest")
    func unknownOption() {
        let run = runTool(["validate", "--fromat", "json", "x.csv"], environment: ["TRACESPREP_LANG": "en"])

        #expect(run.status == 64)
        #expect(run.standardError == "tracesprep: unknown option '--fromat'; did you mean --format?\nRun 'tracesprep --help' for usage.\n")
        #expect(run.standardOutput == "")
    }

    @Test("--help prints to stdout and exits 0")
    func help() {
        let run = runTool(["--help", "--lang", "en"])

        #expect(run.status == 0)
        #expect(run.standardOutput.contains("USAGE: tracesprep COMMAND [OPTIONS]"))
        #expect(run.standardError == "")
    }

    @Test("validate --help shows its exit codes")
    func validateHelp() {
        let run = runTool(["validate", "--help"], environment: ["LANG": "zh_TW.UTF-8"])

        #expect(run.status == 0)
        #expect(run.standardOutput.contains("用法：tracesprep validate 檔案…"))
        #expect(run.standardOutput.contains("65 至少一個檔案被退回"))
        #expect(run.standardError == "")
    }

    // MARK: - Languages

    @Test("--lang en and zh-TW texts")
    func languages() throws {
        try withTemporaryFolder { folder in
            let path = try writeInput(in: folder, changing: Self.wrongCheckDigit)

            let english = runTool(["validate", path, "--rules", rulesFolder.path, "--lang", "en"])
            let chinese = runTool(["validate", path, "--rules", rulesFolder.path, "--lang", "zh-TW"])
            let fromEnvironment = runTool(["validate", path, "--rules", rulesFolder.path], environment: ["TRACESPREP_LANG": "en"])

            #expect(english.standardOutput.contains("error: [container-number-check-digit] I.19 Container number 'EMCU3811878'"))
            #expect(chinese.standardOutput.contains(
                "錯誤: [container-number-check-digit] I.19「貨櫃號碼」「EMCU3811878」的檢查碼錯誤，依 ISO 6346 應為 9。"))
            #expect(chinese.standardOutput.hasSuffix("\(path)：退回（錯誤 1 項、警告 0 項、證書 1 份）\n"))
            #expect(fromEnvironment.standardOutput == english.standardOutput)
        }
    }

    // MARK: - JSON report

    @Test("--format json has the report keys")
    func jsonReport() throws {
        try withTemporaryFolder { folder in
            let path = try writeInput(in: folder, changing: Self.wrongCheckDigit)

            let run = runTool(["validate", path, "--rules", rulesFolder.path, "--format", "json"])

            #expect(run.status == 65)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            #expect(Set(report.keys) == ["tool", "input", "rule_pack", "verdict", "consignments", "findings", "counts"])
            #expect(report["verdict"] as? String == "rejected")

            let tool = try #require(report["tool"] as? [String: Any])
            #expect(tool["name"] as? String == "tracesprep")
            #expect(tool["version"] is String)

            let input = try #require(report["input"] as? [String: Any])
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(Set(input.keys) == ["path", "sha256", "size", "format", "encoding", "delimiter"])
            #expect(input["path"] as? String == path)
            #expect(input["size"] as? Int == bytes.count)
            #expect(input["format"] as? String == "csv")
            #expect(input["encoding"] as? String == "UTF-8")
            #expect(input["delimiter"] as? String == ",")
            #expect(input["sha256"] as? String == sha256sum(path))

            let pack = try #require(report["rule_pack"] as? [String: Any])
            #expect(pack["name"] as? String == "bsmi-2020")
            #expect(pack["version"] as? String == "2026.12.0")

            let consignments = try #require(report["consignments"] as? [[String: Any]])
            #expect(consignments.count == 1)
            let consignment = try #require(consignments.first)
            #expect(consignment["reference"] as? String == "KH-2026-0001")
            #expect(consignment["certificate_model"] as? String == "fishery")
            #expect(consignment["verdict"] as? String == "rejected")
            #expect((consignment["autofilled"] as? [String: Any])?["total_net_weight"] as? String == "6000")
            #expect((consignment["drafts"] as? [Any])?.isEmpty == true)

            let findings = try #require(report["findings"] as? [[String: Any]])
            #expect(findings.count == 1)
            let finding = try #require(findings.first)
            #expect(Set(finding.keys) == [
                "rule", "kind", "severity", "field", "box", "consignment", "line", "record", "column", "value", "expected", "message",
            ])
            #expect(finding["rule"] as? String == "container-number-check-digit")
            #expect(finding["kind"] as? String == "check-digit")
            #expect(finding["severity"] as? String == "error")
            #expect(finding["field"] as? String == "container_number")
            #expect(finding["box"] as? String == "I.19")
            #expect(finding["consignment"] as? String == "KH-2026-0001")
            #expect(finding["line"] as? Int == 2)
            #expect(finding["record"] as? Int == 1)
            #expect(finding["column"] as? String == "container_number")
            #expect(finding["value"] as? String == "EMCU3811878")
            #expect(finding["expected"] as? String == "9")
            let message = try #require(finding["message"] as? [String: Any])
            #expect(Set(message.keys) == ["zh-TW", "en"])

            let counts = try #require(report["counts"] as? [String: Any])
            #expect(counts["error"] as? Int == 1)
            #expect(counts["warning"] as? Int == 0)
            #expect(counts["info"] as? Int == 0)
        }
    }

    @Test("--format json with two files is an array")
    func jsonArray() throws {
        try withTemporaryFolder { folder in
            let first = try writeInput(in: folder, named: "first.csv")
            let second = try writeInput(in: folder, named: "second.csv", changing: Self.wrongCheckDigit)

            let run = runTool(["validate", first, second, "--rules", rulesFolder.path, "--format", "json"])

            #expect(run.status == 65)
            let reports = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]])
            #expect(reports.map { $0["verdict"] as? String } == ["accepted", "rejected"])
            #expect(run.standardError == "")
        }
    }

    // MARK: - File size limit

    @Test("--max-size sets the file limit in MiB")
    func maxSizeSetsLimit() throws {
        try withTemporaryFolder { folder in
            // A valid consignment whose batch number takes it past 1 MiB (1,048,576 bytes).
            var csv = ConsignmentCSV.valid()
            csv.rows[0]["batch_number"] = String(repeating: "9", count: 1_048_576)
            let path = try writeInput(in: folder) { $0 = csv }
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue

            let limited = runTool(["validate", path, "--rules", rulesFolder.path, "--lang", "en", "--max-size", "1"])
            let raised = runTool(["validate", path, "--rules", rulesFolder.path, "--lang", "en", "--max-size", "2"])

            #expect(limited.status == 70)
            #expect(limited.standardOutput.contains(
                "[file-too-large] The file is \(size) bytes, over the limit of 1048576 bytes, so it was not read."))
            #expect(raised.standardOutput.contains("[file-too-large]") == false)
            #expect(raised.standardOutput.contains("[value-too-long]"))

            // The JSON report of a file that was not read has no digest.
            let json = runTool(["validate", path, "--rules", rulesFolder.path, "--format", "json", "--max-size", "1"])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
            let input = try #require(report["input"] as? [String: Any])
            #expect(input["sha256"] is NSNull)
            #expect(input["size"] as? Int == size)
        }
    }

    @Test("--max-size rejects invalid values", arguments: ["0", "16385", "1.5", "abc", "-3"])
    func maxSizeInvalid(value: String) throws {
        try withTemporaryFolder { folder in
            let path = try writeInput(in: folder)

            let run = runTool(["validate", path, "--rules", rulesFolder.path, "--lang", "en", "--max-size=\(value)"])

            #expect(run.status == 64)
            #expect(run.standardError.contains(
                "--max-size takes a whole number of MiB from 1 to 16384 (such as 512), not '\(value)'."))
        }
    }

    /// Computes the SHA-256 of a file with coreutils' sha256sum, independently of TracesPrep.
    func sha256sum(_ path: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            Issue.record("cannot run /usr/bin/sha256sum: \(error)")
            return nil
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
    }
}
