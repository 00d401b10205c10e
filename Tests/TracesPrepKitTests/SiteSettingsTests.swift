import Foundation
import Testing
@testable import TracesPrepKit

/// `Rules/site.json`: what each setting changes, that flags override it, and how faults are reported.
@Suite("Site settings")
struct SiteSettingsTests {
    /// Writes a site file with the given members after `format_version` and returns its path.
    func writeSite(_ members: String, in folder: URL, named name: String = "site.json") throws -> String {
        let url = folder.appendingPathComponent(name)
        let separator = members.isEmpty ? "" : ",\n"
        try Data("{\"format_version\": 1\(separator)\(members)}\n".utf8).write(to: url)
        return url.path
    }

    /// Writes the valid consignment after `change` into `folder` and returns its path.
    func writeInput(in folder: URL, changing change: (inout ConsignmentCSV) -> Void = { _ in }) throws -> String {
        var csv = ConsignmentCSV.valid()
        change(&csv)
        let url = folder.appendingPathComponent("consignment.csv")
        try Data(csv.marked().text.utf8).write(to: url)
        return url.path
    }

    func validate(_ input: String, site: String?, _ extra: [String] = []) -> ToolRun {
        var arguments = ["validate", input, "--rules", rulesFolder.path, "--lang", "en"] + extra
        if let site { arguments += ["--site", site] }
        return runTool(arguments)
    }

    // MARK: - The shipped file

    @Test func shippedFileKeepsDefaults() throws {
        let site = try SiteSettings.load(rulesFolder.appendingPathComponent("site.json"))

        #expect(site.pack == "bsmi-2020")
        #expect(site.language == .zhTW)
        guard case .file(let authorities) = site.authorities else {
            Issue.record("the shipped site names no authority file")
            return
        }
        #expect(authorities == "authorities.json")
        #expect(site.attachmentCapBytes == 2 * 1024 * 1024)
        #expect(site.certificateReferencePattern == nil)
        #expect(site.severityOverrides.isEmpty)
        #expect(site.inbox == "Inbox")
        #expect(site.outbox == "Outbox")
        #expect(site.archive == nil)
        #expect(site.failed == nil)
        #expect(site.ledger == nil)
        #expect(site.warnings.isEmpty)
    }

    @Test func shippedFileChangesNoFinding() throws {
        let examples = rulesFolder.deletingLastPathComponent().appendingPathComponent("Examples")
        let url = examples.appendingPathComponent("typical-mistakes.csv")
        let shipped = try SiteSettings.load(rulesFolder.appendingPathComponent("site.json"))

        let withSite = try FileValidator(library: RuleLibrary.load(root: rulesFolder, site: shipped)).validate(url)
        let builtIn = try FileValidator(library: loadedLibrary()).validate(url)

        #expect(withSite.checked.findings == builtIn.checked.findings)
        #expect(withSite.checked.verdict == .rejected)
    }

    // MARK: - Severity overrides

    @Test func overrideMakesWarningAnError() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder) { $0.rows[0]["imo_number"] = "" }
            let site = try writeSite(#""severity_overrides": {"recommended-imo-number": "error"}"#, in: folder)

            let before = validate(input, site: nil)
            let after = validate(input, site: site)

            #expect(before.status == 0)
            #expect(before.standardOutput.contains("warning: [recommended-imo-number]"))
            #expect(after.status == 65)
            #expect(after.standardOutput.contains("error: [recommended-imo-number]"))
            #expect(after.standardOutput.hasSuffix("rejected (errors: 1, warnings: 0, certificates: 1)\n"))
        }
    }

    @Test func overrideMakesErrorAWarning() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder) { $0.rows[0]["total_gross_weight"] = "5400" }
            let site = try writeSite(#""severity_overrides": {"gross-below-net": "warning"}"#, in: folder)

            let before = validate(input, site: nil)
            let after = validate(input, site: site, ["--format", "json"])

            #expect(before.status == 65)
            #expect(after.status == 0)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(after.standardOutput.utf8)) as? [String: Any])
            #expect(report["verdict"] as? String == "accepted")
            let findings = report["findings"] as? [[String: Any]] ?? []
            #expect(findings.count == 1)
            #expect(findings.first?["rule"] as? String == "gross-below-net")
            #expect(findings.first?["severity"] as? String == "warning")
        }
    }

    @Test func overrideAppliesToEvents() throws {
        var site = SiteSettings()
        site.severityOverrides = ["unknown-header": "error"].compactMapValues(Severity.init(rawValue:))

        let library = try RuleLibrary.load(root: rulesFolder, site: site)

        #expect(library.eventRules[EventName.unknownHeader]?.severity == .error)
    }

    @Test func overrideOfUnknownRuleWarns() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder)
            let site = try writeSite(#""severity_overrides": {"gross-below-nett": "warning"}"#, in: folder)

            let run = validate(input, site: site)

            #expect(run.status == 0)
            #expect(run.standardError.contains(
                "tracesprep: warning: \(site): $.severity_overrides.gross-below-nett: the pack 'bsmi-2020' has no rule 'gross-below-nett'"))
        }
    }

    // MARK: - Flags win

    @Test func packFlagOverridesSitePack() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder) { $0.rows[0]["total_gross_weight"] = "5400" }
            let site = try writeSite(#""pack": "eu-2020-2235""#, in: folder)

            let fromSite = validate(input, site: site)
            let fromFlag = validate(input, site: site, ["--pack", "bsmi-2020"])

            #expect(fromSite.standardOutput.contains("[gross-below-net] I.26 Total gross weight"))
            #expect(fromFlag.standardOutput.contains("[gross-below-net] I.24 Total gross weight"))
        }
    }

    @Test func languageFlagOverridesSiteLanguage() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder)
            let site = try writeSite(#""language": "en""#, in: folder)

            let fromSite = runTool(["validate", input, "--rules", rulesFolder.path, "--site", site])
            let fromFlag = runTool(["validate", input, "--rules", rulesFolder.path, "--site", site, "--lang", "zh-TW"])
            let fromLANG = runTool(["validate", input, "--rules", rulesFolder.path, "--site", site], environment: ["LANG": "zh_TW.UTF-8"])

            #expect(fromSite.standardOutput.hasSuffix("accepted (errors: 0, warnings: 0, certificates: 1)\n"))
            #expect(fromFlag.standardOutput.contains("：通過"))
            #expect(fromLANG.standardOutput.contains("：通過"))
        }
    }

    @Test func folderFlagOverridesSiteFolder() throws {
        try withTemporaryFolder { folder in
            for name in ["SiteInbox", "FlagInbox"] {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            }
            let siteInbox = folder.appendingPathComponent("SiteInbox").path
            let flagInbox = folder.appendingPathComponent("FlagInbox").path
            let site = try writeSite(#""folders": {"inbox": "\#(siteInbox)"}"#, in: folder)

            let fromSite = runTool(["status", "--rules", rulesFolder.path, "--site", site, "--lang", "en"])
            let fromFlag = runTool(["status", "--rules", rulesFolder.path, "--site", site, "--lang", "en", "--inbox", flagInbox])

            #expect(fromSite.status == 0)
            #expect(fromSite.standardOutput.hasPrefix("Inbox: \(siteInbox)\n"))
            #expect(fromFlag.standardOutput.hasPrefix("Inbox: \(flagInbox)\n"))
        }
    }

    // MARK: - Rule settings

    @Test func referencePatternAddsRule() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder) { $0.rows[0]["certificate_reference"] = "KH2026-0001" }
            let site = try writeSite(
                #""certificate_reference_pattern": "[A-Z]{2}-[0-9]{4}-[0-9]{4}", "certificate_reference_example": "KH-2027-0101""#,
                in: folder)

            let without = validate(input, site: nil)
            let with = validate(input, site: site)

            #expect(without.status == 0)
            #expect(with.status == 65)
            #expect(with.standardOutput.contains(
                ":2:certificate_reference: error: [certificate-reference-format] I.2 Certificate reference 'KH2026-0001' "
                    + "is not in the form of this site's application numbers. The form is KH-2027-0101."))
        }
    }

    @Test func referenceExampleMustMatchPattern() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder)
            let site = try writeSite(
                #""certificate_reference_pattern": "[A-Z]{2}-[0-9]{4}", "certificate_reference_example": "KH-2027-0101""#, in: folder)

            let run = validate(input, site: site)

            #expect(run.status == 78)
            #expect(run.standardError.contains(
                "\(site): $.certificate_reference_example: the example 'KH-2027-0101' does not match certificate_reference_pattern."))
        }
    }

    @Test func attachmentCapFromSite() throws {
        try withTemporaryFolder { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
            try Data(repeating: 0x25, count: 1_500).write(to: folder.appendingPathComponent("docs/bl.pdf"))
            let input = try writeInput(in: folder) { csv in
                csv.rows[0]["document_type"] = "Bill of lading"
                csv.rows[0]["document_number"] = "KHH2701150"
                csv.rows[0]["document_file"] = "docs/bl.pdf"
            }
            let site = try writeSite(#""attachment_cap_bytes": 1000"#, in: folder)

            let shipped = validate(input, site: nil, ["--format", "json"])
            let capped = validate(input, site: site, ["--format", "json"])

            #expect(shipped.status == 0)
            #expect(capped.status == 65)
            #expect(capped.standardOutput.contains(#""rule": "attachment-size-cap""#))
            #expect(capped.standardOutput.contains(#""expected": "≤ 1000""#))
        }
    }

    @Test func inlineAuthorityTable() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder)
            let site = try writeSite(
                #"""
                "authorities": {
                  "central_competent_authority": {"code": "BSMI", "label": {"zh-TW": "經濟部標準檢驗局", "en": "BSMI"}},
                  "local_competent_authorities": [
                    {"code": "BSMI-TEST", "label": {"zh-TW": "測試分局", "en": "Test Branch"}, "places_of_loading": ["TWKHH"]}
                  ]
                }
                """#, in: folder)

            let run = validate(input, site: site, ["--format", "json"])

            #expect(run.status == 0)
            #expect(run.standardOutput.contains(#""local_competent_authority": "BSMI-TEST""#))
        }
    }

    // MARK: - Faults

    @Test func brokenSiteExits78WithPath() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder)
            let site = try writeSite(#""severity_overrides": {"gross-below-net": "fatal"}"#, in: folder)

            let run = validate(input, site: site)

            #expect(run.status == 78)
            #expect(run.standardOutput == "")
            #expect(run.standardError.contains(
                "invalid rule files: \(site): $.severity_overrides.gross-below-net: unknown severity; use error, warning or info."))
        }
    }

    @Test func unknownKeyWarnsAndRuns() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder)
            let site = try writeSite(#""folders": {"inbx": "Elsewhere"}, "langauge": "en""#, in: folder)

            let run = validate(input, site: site)

            #expect(run.status == 0)
            #expect(run.standardError.contains("tracesprep: warning: \(site): $.langauge: unknown key 'langauge', ignored."))
            #expect(run.standardError.contains("tracesprep: warning: \(site): $.folders.inbx: unknown key 'inbx', ignored."))
        }
    }

    @Test func missingSiteFileExits78() throws {
        try withTemporaryFolder { folder in
            let input = try writeInput(in: folder)
            let site = folder.appendingPathComponent("absent.json").path

            let run = validate(input, site: site)

            #expect(run.status == 78)
            #expect(run.standardError.contains("\(site): $: site file not found. Check the path given with --site."))
        }
    }

    @Test func siteFileInRulesFolderIsRead() throws {
        try withTemporaryFolder { folder in
            let rules = try copyRules(into: folder)
            _ = try writeSite(#""severity_overrides": {"recommended-imo-number": "error"}"#, in: rules)
            let input = try writeInput(in: folder) { $0.rows[0]["imo_number"] = "" }

            let run = runTool(["validate", input, "--rules", rules.path, "--lang", "en"])

            #expect(run.status == 65)
        }
    }
}
