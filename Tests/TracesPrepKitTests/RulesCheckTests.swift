import Foundation
import Testing
@testable import TracesPrepKit

/// `tracesprep rules check` on the shipped rules and on a copy broken in one place per fault kind.
@Suite("rules check")
struct RulesCheckTests {
    /// Reads a JSON object file of a Rules copy, lets `change` edit it and writes it back.
    func edit(_ rules: URL, _ path: String, _ change: (inout [String: Any]) throws -> Void) throws -> String {
        let url = rules.appendingPathComponent(path)
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        try change(&root)
        try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted]).write(to: url)
        return url.path
    }

    /// Edits the rule with `id` in a rule file of a Rules copy.
    func editRule(_ rules: URL, _ path: String, id: String, _ change: @escaping (inout [String: Any]) -> Void) throws -> String {
        try edit(rules, path) { root in
            var list = try #require(root["rules"] as? [[String: Any]])
            let index = try #require(list.firstIndex { $0["id"] as? String == id }, "no rule \(id) in \(path)")
            change(&list[index])
            root["rules"] = list
        }
    }

    func ruleIndex(_ rules: URL, _ path: String, id: String) throws -> Int {
        let url = rules.appendingPathComponent(path)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let list = try #require(root["rules"] as? [[String: Any]])
        return try #require(list.firstIndex { $0["id"] as? String == id })
    }

    // MARK: - Shipped rules

    @Test func shippedRulesHaveNoErrors() {
        let run = runTool(["rules", "check", "--rules", rulesFolder.path, "--lang", "en"])

        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        #expect(!run.standardOutput.contains(": error: "))
        #expect(run.standardOutput.hasSuffix("\(rulesFolder.path): 0 errors, 2 warnings (packs: bsmi-2020, eu-2020-2235)\n"))
        #expect(run.standardError == "")
    }

    @Test func uncheckablePrefixesWarnOncePerModel() {
        let diagnostics = RuleAudit.run(root: rulesFolder)
        let pack = rulesFolder.appendingPathComponent("packs/bsmi-2020/pack.json").path

        #expect(diagnostics.allSatisfy { $0.severity == .warning })
        let composite = diagnostics.first { $0.file == pack }
        #expect(composite?.path == "$.models[1].cn_prefixes")
        #expect(composite?.message.en.hasPrefix("the CN prefixes 1806, 1901") ?? false)
    }

    // MARK: - A broken copy

    /// One fault of each kind, and where `rules check` must report it.
    struct Fault {
        var file: String
        var path: String
        var severity: String
        var message: String
    }

    /// Breaks a copy of the shipped rules in one place per fault kind and returns where each fault lies.
    func breakRules(_ rules: URL) throws -> [Fault] {
        let common = "packs/common/rules.json"
        var faults: [Fault] = []
        func index(_ id: String) throws -> Int { try ruleIndex(rules, common, id: id) }

        let mandatory = try index("mandatory-consignment")
        var file = try editRule(rules, common, id: "mandatory-consignment") { rule in
            var fields = rule["fields"] as? [String] ?? []
            fields[3] = "consignee_nmae"
            rule["fields"] = fields
        }
        faults.append(Fault(file: file, path: "$.rules[\(mandatory)].fields[3]", severity: "error",
                            message: "rule 'mandatory-consignment' names the unknown field 'consignee_nmae'."))

        let line = try index("mandatory-line")
        file = try editRule(rules, common, id: "mandatory-line") { $0["kind"] = "mising" }
        faults.append(Fault(file: file, path: "$.rules[\(line)].kind", severity: "error", message: "unknown finding kind 'mising'"))

        let destination = try index("destination-eu-member")
        file = try editRule(rules, common, id: "destination-eu-member") { $0["params"] = ["list": "eu-members"] }
        faults.append(Fault(file: file, path: "$.rules[\(destination)].params.list", severity: "error",
                            message: "uses the code list 'eu-members', which does not exist."))

        let bcp = try index("entry-bcp-format")
        file = try editRule(rules, common, id: "entry-bcp-format") { $0["params"] = ["pattern": "[A-Z{5}[0-9]"] }
        faults.append(Fault(file: file, path: "$.rules[\(bcp)].params.pattern", severity: "error",
                            message: "has a pattern that does not compile"))

        let imo = try index("recommended-imo-number")
        file = try editRule(rules, common, id: "recommended-imo-number") { $0["message"] = ["en": "{box} {label} is recommended."] }
        faults.append(Fault(file: file, path: "$.rules[\(imo)].message.zh-TW", severity: "error",
                            message: "the required key 'zh-TW' is missing."))

        let document = try index("document-number-required")
        let container = try index("container-number-for-vessel")
        file = try editRule(rules, common, id: "container-number-for-vessel") { rule in
            rule["hint"] = ["zh-TW": "請填入貨櫃號碼。", "en": "Enter the number for {trigger_label}."]
        }
        faults.append(Fault(file: file, path: "$.rules[\(container)].hint.en", severity: "error",
                            message: "uses {trigger_label}, which its check does not fill"))

        file = try editRule(rules, common, id: "container-number-for-vessel") { $0["id"] = "document-number-required" }
        faults.append(Fault(file: file, path: "$.rules[\(container)].id", severity: "error",
                            message: "duplicate rule id 'document-number-required', already defined at \(file) $.rules[\(document)]"))

        let positive = try index("positive-quantity")
        file = try editRule(rules, common, id: "positive-quantity") { $0["check"] = "postive" }
        faults.append(Fault(file: file, path: "$.rules[\(positive)].check", severity: "error", message: "uses the unknown check 'postive'"))

        let gross = try index("gross-below-net")
        file = try editRule(rules, common, id: "gross-below-net") { $0["wehn"] = ["field": "transport_mode"] }
        faults.append(Fault(file: file, path: "$.rules[\(gross)].wehn", severity: "warning", message: "unknown key 'wehn', ignored."))

        // A prefix no HS 2022 code starts with, and a model that only such a prefix would reach.
        file = try edit(rules, "packs/bsmi-2020/pack.json") { pack in
            var models = try #require(pack["models"] as? [[String: Any]])
            var prefixes = models[0]["cn_prefixes"] as? [String] ?? []
            prefixes.append("039999")
            models[0]["cn_prefixes"] = prefixes
            models.append(["id": "ghost", "name": ["zh-TW": "幽靈", "en": "Ghost"], "cn_prefixes": ["160599"]])
            pack["models"] = models
        }
        faults.append(Fault(file: file, path: "$.models[0].cn_prefixes[26]", severity: "error",
                            message: "no HS 2022 code starts with the CN prefix '039999'"))
        faults.append(Fault(file: file, path: "$.models[2].cn_prefixes[0]", severity: "error",
                            message: "no HS 2022 code starts with the CN prefix '160599'"))
        faults.append(Fault(file: file, path: "$.models[2]", severity: "error",
                            message: "no CN prefix of the model 'ghost' reaches an HS 2022 code"))

        // A model of the other pack in the eu pack's own rules.
        let euRules = "packs/eu-2020-2235/rules.json"
        let fishery = try ruleIndex(rules, euRules, id: "mandatory-line-fishery")
        file = try editRule(rules, euRules, id: "mandatory-line-fishery") { $0["when"] = ["models": ["fishery"]] }
        faults.append(Fault(file: file, path: "$.rules[\(fishery)].when.models[0]", severity: "error",
                            message: "names the certificate model 'fishery', which the pack 'eu-2020-2235' does not have"))
        return faults
    }

    @Test func brokenCopyNamesEachFault() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let faults = try breakRules(rules)

            let run = runTool(["rules", "check", "--rules", rules.path, "--lang", "en"])

            #expect(run.status == 78)
            let lines = run.standardOutput.split(separator: "\n").map(String.init)
            for fault in faults {
                let prefix = "\(fault.file): \(fault.path): \(fault.severity): "
                let line = lines.first { $0.hasPrefix(prefix) }
                #expect(line != nil, "no line starts with '\(prefix)'")
                #expect(line?.contains(fault.message) ?? false, "'\(line ?? "")' does not say '\(fault.message)'")
            }
            let errors = faults.filter { $0.severity == "error" }.count
            #expect(lines.last?.hasPrefix("\(rules.path): \(errors) errors, ") ?? false, "\(lines.last ?? "")")
        }
    }

    @Test func brokenCopyInChinese() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let file = try editRule(rules, "packs/common/rules.json", id: "positive-quantity") { $0["check"] = "postive" }
            let index = try ruleIndex(rules, "packs/common/rules.json", id: "positive-quantity")

            let run = runTool(["rules", "check", "--rules", rules.path, "--lang", "zh-TW"])

            #expect(run.status == 78)
            #expect(run.standardOutput.contains("\(file): $.rules[\(index)].check: 錯誤: 規則「positive-quantity」使用未知的檢查「postive」"))
            #expect(run.standardOutput.hasSuffix("\(rules.path)：錯誤 1 項、警告 2 項（規則包：bsmi-2020, eu-2020-2235）\n"))
        }
    }

    @Test func warningsAloneExitZero() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            _ = try editRule(rules, "packs/common/rules.json", id: "gross-below-net") { $0["descripton"] = "typo" }

            let run = runTool(["rules", "check", "--rules", rules.path, "--lang", "en"])

            #expect(run.status == 0)
            #expect(run.standardOutput.contains(": warning: unknown key 'descripton', ignored."))
        }
    }

    @Test func siteFaultsAreChecked() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let site = try edit(rules, "site.json") { site in
                site["pack"] = "eu-2020-2234"
                site["severity_overrides"] = ["gross-below-nett": "warning"]
            }

            let run = runTool(["rules", "check", "--rules", rules.path, "--lang", "en"])

            #expect(run.status == 78)
            #expect(run.standardOutput.contains("\(site): $.pack: error: the pack 'eu-2020-2234' does not exist."))
        }
    }

    @Test func brokenSiteFileIsListed() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let site = try edit(rules, "site.json") { $0["severity_overrides"] = ["gross-below-net": "fatal"] }

            let run = runTool(["rules", "check", "--rules", rules.path, "--lang", "en"])

            #expect(run.status == 78)
            #expect(run.standardOutput.contains(
                "\(site): $.severity_overrides.gross-below-net: error: unknown severity; use error, warning or info."))
            #expect(run.standardError == "")
        }
    }

    @Test func brokenFileStillChecksOthers() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            let units = rules.appendingPathComponent("codelists/units.json")
            try Data("{\"format_version\": 1, \"list\": ".utf8).write(to: units)
            let file = try editRule(rules, "packs/common/rules.json", id: "positive-quantity") { $0["severity"] = "fatal" }

            let run = runTool(["rules", "check", "--rules", rules.path, "--lang", "en"])

            #expect(run.status == 78)
            #expect(run.standardOutput.contains("\(units.path): $: error: not valid JSON"))
            #expect(run.standardOutput.contains("\(file): $.rules["))
            #expect(run.standardOutput.contains("unknown severity 'fatal'"))
        }
    }

    @Test func extraArgumentIsUsageError() {
        let run = runTool(["rules", "check", "Rules", "--lang", "en"])

        #expect(run.status == 64)
        #expect(run.standardError.contains("rules check takes no arguments, but got 'Rules'."))
    }
}
