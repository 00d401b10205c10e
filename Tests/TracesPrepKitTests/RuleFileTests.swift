import Foundation
import Testing
import TracesPrepKit

/// Broken rule files: each fault is a RuleFileError naming the file and the JSON path.
@Suite("Rule files")
struct RuleFileTests {
    /// Loads the shared `rules.json` that the bsmi-2020 pack includes, lets `change` edit it and writes it back.
    func editRules(in rules: URL, _ change: (inout [[String: Any]]) -> Void) throws -> URL {
        let url = rules.appendingPathComponent("packs/common/rules.json")
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var list = try #require(root["rules"] as? [[String: Any]])
        change(&list)
        root["rules"] = list
        try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted]).write(to: url)
        return url
    }

    /// Loads the library from `rules` and returns the error it raises, or nil when it loads.
    func loadError(_ rules: URL) -> RuleFileError? {
        do {
            _ = try RuleLibrary.load(root: rules)
            return nil
        } catch let error as RuleFileError {
            return error
        } catch {
            Issue.record("expected a RuleFileError, got \(error)")
            return nil
        }
    }

    @Test("shipped rule files load")
    func shippedRulesLoad() throws {
        let library = try RuleLibrary.load(root: rulesFolder)

        #expect(library.pack.name == "bsmi-2020")
        // 35 shared rules in common/rules.json, 5 model rules in bsmi-2020/rules.json and 50 event
        // rules in common/events.json.
        #expect(library.pack.rules.count == 90)
    }

    @Test("invalid JSON names the file")
    func invalidJSON() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let url = rules.appendingPathComponent("packs/common/rules.json")
            try Data("{\"format_version\": 1, \"rules\": [".utf8).write(to: url)

            let error = try #require(loadError(rules))

            #expect(error.file == url.path)
            #expect(error.path == "$")
            #expect(error.message.en.hasPrefix("not valid JSON"))
        }
    }

    @Test("unknown check name")
    func unknownCheck() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let url = try editRules(in: rules) { $0[3]["check"] = "no_such_check" }

            let error = try #require(loadError(rules))

            #expect(error.file == url.path)
            #expect(error.path == "$.rules[3].check")
            #expect(error.message.en.contains("unknown check 'no_such_check'"))
        }
    }

    @Test("missing check parameter")
    func missingParameter() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            // attachment-size-cap cannot run without its cap.
            var index = -1
            let url = try editRules(in: rules) { list in
                index = list.firstIndex { $0["id"] as? String == "attachment-size-cap" } ?? -1
                var parameters = list[index]["params"] as? [String: Any] ?? [:]
                parameters["max_bytes"] = nil
                list[index]["params"] = parameters
            }

            let error = try #require(loadError(rules))

            #expect(error.file == url.path)
            #expect(error.path == "$.rules[\(index)].params")
            #expect(error.message.en.contains("needs the parameter params.max_bytes"))
        }
    }

    @Test("unknown field id")
    func unknownField() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let url = try editRules(in: rules) { list in
                var fields = list[0]["fields"] as? [String] ?? []
                fields[3] = "consignee_nmae"
                list[0]["fields"] = fields
            }

            let error = try #require(loadError(rules))

            #expect(error.file == url.path)
            #expect(error.path == "$.rules[0].fields[3]")
            #expect(error.message.en.contains("unknown field 'consignee_nmae'"))
        }
    }

    @Test("missing zh-TW message")
    func missingChineseMessage() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let url = try editRules(in: rules) { $0[3]["message"] = ["en": "{label} is mandatory."] }

            let error = try #require(loadError(rules))

            #expect(error.file == url.path)
            #expect(error.path == "$.rules[3].message.zh-TW")
            #expect(error.message.en == "the required key 'zh-TW' is missing.")
        }
    }

    @Test("wrong severity")
    func wrongSeverity() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let url = try editRules(in: rules) { $0[3]["severity"] = "fatal" }

            let error = try #require(loadError(rules))

            #expect(error.file == url.path)
            #expect(error.path == "$.rules[3].severity")
            #expect(error.message.en == "unknown severity; use error, warning or info.")
        }
    }

    @Test("space in the rules folder path")
    func spaceInFolderName() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder, named: "Site Rules")
            let url = try editRules(in: rules) { $0[3]["check"] = "no_such_check" }

            let error = try #require(loadError(rules))

            #expect(error.file == url.path)
            #expect(error.path == "$.rules[3].check")
        }
    }

    @Test("validate exits 78 on broken rules")
    func validateWithBrokenRules() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let url = try editRules(in: rules) { $0[3]["severity"] = "fatal" }
            let input = folder.appendingPathComponent("consignment.csv")
            try Data(ConsignmentCSV.valid().marked().text.utf8).write(to: input)

            let result = runTool(["validate", input.path, "--rules", rules.path, "--lang", "en"])

            #expect(result.status == 78)
            #expect(result.standardOutput == "")
            #expect(result.standardError.contains(
                "invalid rule files: \(url.path): $.rules[3].severity: unknown severity; use error, warning or info."))
        }
    }
}
