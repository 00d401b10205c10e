import Foundation
import Testing
@testable import TracesPrepKit

/// `tracesprep rules list` and `rules explain`, the rule reference in Rules/README.md, and the
/// examples that the rule files give.
@Suite("Rule reference")
struct RuleReferenceTests {
    static let packs = ["bsmi-2020", "eu-2020-2235"]

    /// Both shipped packs, loaded once because loading reads the large species list.
    static let libraries: Result<[String: RuleLibrary], any Error> = Result {
        try Dictionary(uniqueKeysWithValues: packs.map { ($0, try RuleLibrary.load(root: rulesFolder, pack: $0)) })
    }

    static func library(_ pack: String) throws -> RuleLibrary {
        try #require(try libraries.get()[pack])
    }

    // MARK: - The README cannot drift

    /// A section of a README that `scripts/update-rule-reference` fills with a command's output.
    struct GeneratedSection {
        var arguments: [String]
        var text: String
    }

    static func generatedSections(in readme: String) -> [GeneratedSection] {
        var sections: [GeneratedSection] = []
        var rest = readme[...]
        while let begin = rest.range(of: "<!-- BEGIN tracesprep "), let close = rest[begin.upperBound...].range(of: " -->\n"),
              let end = rest[close.upperBound...].range(of: "<!-- END tracesprep -->") {
            let arguments = rest[begin.upperBound..<close.lowerBound].split(separator: " ").map(String.init)
            sections.append(GeneratedSection(arguments: arguments, text: String(rest[close.upperBound..<end.lowerBound])))
            rest = rest[end.upperBound...]
        }
        return sections
    }

    @Test(arguments: ["README.md", "README.zh-TW.md"])
    func readmeReferenceIsCurrent(readme: String) throws {
        let text = try String(contentsOf: rulesFolder.appendingPathComponent(readme), encoding: .utf8)
        let sections = Self.generatedSections(in: text)

        #expect(sections.count == Self.packs.count, "\(readme) has \(sections.count) generated sections")
        for section in sections {
            let run = runTool(section.arguments + ["--rules", rulesFolder.path])
            #expect(run.status == 0, "\(section.arguments): \(run.standardError)")
            #expect(
                section.text.trimmingCharacters(in: .newlines) == run.standardOutput.trimmingCharacters(in: .newlines),
                "Rules/\(readme) is out of date for '\(section.arguments.joined(separator: " "))'; run scripts/update-rule-reference")
        }
    }

    // MARK: - Descriptions and examples

    @Test func everyCheckAndEventIsDescribed() {
        for check in CheckRegistry.checks {
            #expect(CheckDescriptions.check(type(of: check).name) != nil, "check \(type(of: check).name) has no description")
        }
        for event in EventName.all {
            #expect(CheckDescriptions.event(event) != nil, "event \(event) has no description")
        }
    }

    @Test(arguments: packs)
    func everyShippedRuleHasExample(pack: String) throws {
        let library = try Self.library(pack)
        for rule in library.pack.rules {
            #expect(rule.example != nil, "\(rule.id) in \(pack) has no example")
        }
    }

    /// Returns the rules whose examples are values, with the field they are written in: the rule's first field.
    static func valueExamples(pack: String) throws -> [(rule: Rule, field: String, pass: String, fail: String)] {
        let library = try Self.library(pack)
        let reference = RuleReference(library: library, site: SiteSettings(), language: .en)
        return library.pack.rules.compactMap { rule in
            guard rule.check != CheckRegistry.eventCheckName, case .value(let pass)? = rule.example?.pass,
                  case .value(let fail)? = rule.example?.fail, let field = reference.fields(of: rule).first
            else { return nil }
            // The valid consignment is a fishery one, so rules for another model never apply to it.
            if let models = rule.condition?.models, !models.contains(where: { ["fishery", "FISH-CRUST-HC"].contains($0) }) {
                return nil
            }
            return (rule, field, pass, fail)
        }
    }

    /// Validates the valid consignment with `field` set to `value` and returns its findings.
    static func findings(_ pack: String, field: String, value: String) throws -> [Finding] {
        let library = try Self.library(pack)
        var csv = ConsignmentCSV.valid()
        if !csv.columns.contains(where: { $0.id == field }) {
            csv.addColumn(field)
        }
        csv.rows[0][field] = value
        return try withTemporaryFolder { folder in
            // An attached file named inside the folder exists, so only a path leading outside fails.
            if field == "document_file", !value.hasPrefix("../"), !value.hasPrefix("/") {
                let file = folder.appendingPathComponent(value)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("%PDF-1.4".utf8).write(to: file)
            }
            return try validate(bytes: Array(csv.marked().text.utf8), in: folder, library: library).checked.findings
        }
    }

    @Test(arguments: packs)
    func valueExamplesPassAndFail(pack: String) throws {
        let examples = try Self.valueExamples(pack: pack)
        #expect(examples.count >= 20, "only \(examples.count) value examples in \(pack)")
        for example in examples {
            let passing = try Self.findings(pack, field: example.field, value: example.pass)
            let failing = try Self.findings(pack, field: example.field, value: example.fail)

            #expect(!passing.contains { $0.rule == example.rule.id },
                    "\(example.rule.id): '\(example.pass)' in \(example.field) should pass")
            #expect(failing.contains { $0.rule == example.rule.id },
                    "\(example.rule.id): '\(example.fail)' in \(example.field) should fail")
        }
    }

    // MARK: - explain

    @Test func explainShowsBoxKindSeverityAndExamples() {
        let run = runTool(["rules", "explain", "container-number-check-digit", "--rules", rulesFolder.path, "--lang", "en"])

        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "container-number-check-digit")
        #expect(lines.contains("File      packs/common/rules.json"))
        #expect(lines.contains("Box       I.19"))
        #expect(lines.contains("Kind      check-digit"))
        #expect(lines.contains("Severity  error"))
        #expect(lines.contains("Passes    EMCU3811879"))
        #expect(lines.contains("Fails     EMCU3811878"))
        #expect(lines.contains { $0.hasPrefix("Checks    iso6346_check_digit: A container number with the wrong ISO 6346 check digit.") })
    }

    @Test func explainInChineseWithPackBoxes() {
        let run = runTool([
            "rules", "explain", "gross-below-net", "--pack", "eu-2020-2235", "--rules", rulesFolder.path, "--lang", "zh-TW",
        ])

        #expect(run.status == 0)
        #expect(run.standardOutput.contains("欄位編號  I.26\n"))
        #expect(run.standardOutput.contains("規則包    eu-2020-2235\n"))
        #expect(run.standardOutput.contains("不通過    總毛重 5400 公斤，各行淨重合計 6000 公斤\n"))
    }

    @Test func explainBlankExampleAndCondition() {
        let run = runTool(["rules", "explain", "mandatory-line-fishery", "--pack", "eu-2020-2235", "--rules", rulesFolder.path, "--lang", "en"])

        #expect(run.standardOutput.contains("Applies   when the certificate model is one of FISH-CRUST-HC, MOL-HC\n"))
        #expect(run.standardOutput.contains("Fails     (blank)\n"))
        #expect(run.standardOutput.contains("Box       I.27\n"))
    }

    @Test func explainShowsSiteOverride() throws {
        try withTemporaryFolder { folder in
            let site = folder.appendingPathComponent("site.json")
            try Data(#"{"format_version": 1, "severity_overrides": {"purpose-transit": "error"}}"#.utf8).write(to: site)

            let run = runTool(["rules", "explain", "purpose-transit", "--rules", rulesFolder.path, "--site", site.path, "--lang", "en"])

            let severity = run.standardOutput.split(separator: "\n").first { $0.hasPrefix("  Severity ") }
            #expect(severity?.hasSuffix(" error (set by site.json)") ?? false, "\(severity ?? "")")
        }
    }

    @Test func explainUnknownRuleSuggestsNearest() {
        let run = runTool(["rules", "explain", "gross-below-nett", "--rules", rulesFolder.path, "--lang", "en"])

        #expect(run.status == 64)
        #expect(run.standardError.contains("the pack 'bsmi-2020' has no rule 'gross-below-nett'; did you mean 'gross-below-net'?"))
    }

    // MARK: - list

    @Test(arguments: packs)
    func textListNamesEveryRule(pack: String) throws {
        let library = try Self.library(pack)

        let run = runTool(["rules", "list", "--pack", pack, "--rules", rulesFolder.path, "--lang", "en"])

        #expect(run.status == 0)
        let ids = run.standardOutput.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(Array(ids.dropLast()) == library.pack.rules.map(\.id))
        #expect(run.standardOutput.hasSuffix("\(library.pack.rules.count) rules in the pack \(pack) (2026.12.0).\n"))
    }

    @Test func markdownListHasOneTablePerFile() {
        let run = runTool(["rules", "list", "--format", "markdown", "--pack", "eu-2020-2235", "--rules", rulesFolder.path, "--lang", "en"])

        #expect(run.status == 0)
        #expect(run.standardOutput.contains("**`packs/common/rules.json`**"))
        #expect(run.standardOutput.contains("**`packs/eu-2020-2235/rules.json`**"))
        #expect(run.standardOutput.contains("**`packs/common/events.json`**"))
        #expect(run.standardOutput.contains(
            "| `gross-below-net` | I.26 | inconsistent | error | A total gross weight below the sum of the lines' net weights."))
    }

    @Test func markdownOnlyForRulesList() {
        let run = runTool(["validate", "x.csv", "--format", "markdown", "--rules", rulesFolder.path, "--lang", "en"])

        #expect(run.status == 64)
        #expect(run.standardError.contains("--format markdown is for rules list only."))
    }
}
