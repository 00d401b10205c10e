import Foundation
import Testing
@testable import TracesPrepKit

/// The eu-2020-2235 pack: the 2020/2235 model names and box numbers in findings, reports and drafts.
@Suite("eu-2020-2235 pack")
struct EUPackTests {
    static let packName = "eu-2020-2235"
    static let examples = rulesFolder.deletingLastPathComponent().appendingPathComponent("Examples")
    static let library: Result<RuleLibrary, any Error> = Result { try RuleLibrary.load(root: rulesFolder, pack: packName) }
    static let modelIDs = ["FISH-CRUST-HC", "MOL-HC", "COMPOSITE"]

    /// Boxes that only the BSMI layout uses: its totals (I.23) and commodity table (I.25).
    static let bsmiOnlyBoxes: Set<String> = ["I.23", "I.25"]

    static func exampleFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".csv") }.sorted()
    }

    /// Runs `validate --pack eu-2020-2235 --format json` on one example and returns the parsed report.
    static func jsonReport(_ name: String) throws -> [String: Any] {
        let path = examples.appendingPathComponent(name).path
        let run = runTool(["validate", path, "--pack", packName, "--format", "json", "--rules", rulesFolder.path])
        #expect([0, 65].contains(run.status), "\(name): exit \(run.status), \(run.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
        return try #require(object as? [String: Any])
    }

    static func findings(_ report: [String: Any]) -> [[String: Any]] {
        report["findings"] as? [[String: Any]] ?? []
    }

    static func models(_ report: [String: Any]) -> [String?] {
        (report["consignments"] as? [[String: Any]] ?? []).map { $0["certificate_model"] as? String }
    }

    // MARK: - Every example

    @Test func packLoadsWithItsModels() throws {
        let library = try Self.library.get()
        #expect(library.pack.name == Self.packName)
        #expect(library.pack.models.map(\.id) == Self.modelIDs)
        // 35 shared rules, 6 model rules and 50 event rules.
        #expect(library.pack.rules.count == 91)
    }

    @Test func layoutMovesTotalsAndCommodityTable() throws {
        let boxes = try Self.library.get().pack.boxes
        #expect(boxes["total_packages"] == "I.24")
        #expect(boxes["total_net_weight"] == "I.26")
        #expect(boxes["total_gross_weight"] == "I.26")
        #expect(boxes["certificate_model"] == "I.27")
        #expect(boxes["cn_code"] == "I.27")
        #expect(boxes["net_weight"] == "I.27")
        #expect(boxes["container_number"] == "I.19")
        #expect(Set(boxes.values).isDisjoint(with: Self.bsmiOnlyBoxes))
    }

    @Test(arguments: try EUPackTests.exampleFiles())
    func exampleUsesNewBoxesAndModels(name: String) throws {
        let report = try Self.jsonReport(name)
        let pack = report["rule_pack"] as? [String: Any]
        #expect(pack?["name"] as? String == Self.packName)
        for model in Self.models(report) {
            #expect(model.map(Self.modelIDs.contains) ?? false, "\(name): model \(model ?? "nil")")
        }
        let layout = Set(try Self.library.get().pack.boxes.values)
        for finding in Self.findings(report) {
            guard let box = finding["box"] as? String else { continue }
            #expect(layout.contains(box), "\(name): finding \(finding["rule"] ?? "") in box \(box)")
        }
    }

    // MARK: - Hand-written expectations

    @Test func typicalMistakesUnderNewLayout() throws {
        let report = try Self.jsonReport("typical-mistakes.csv")
        let summary = Self.findings(report).map { finding in
            "\(finding["rule"] as? String ?? "") \(finding["box"] as? String ?? "-") line \(finding["line"] as? Int ?? 0)"
        }
        // The clam line (03077100) is no longer an error: MOL-HC covers it. Gross weight is now box I.26.
        #expect(summary == [
            "container-number-check-digit I.19 line 2",
            "mandatory-consignment I.5 line 3",
            "gross-below-net I.26 line 5",
        ])
        #expect(Self.models(report) == ["FISH-CRUST-HC", "FISH-CRUST-HC", "MOL-HC", "FISH-CRUST-HC"])
        #expect(report["verdict"] as? String == "rejected")
    }

    @Test func compositeExampleTakesComposite() throws {
        let report = try Self.jsonReport("composite-16042090.csv")
        let findings = Self.findings(report)
        #expect(findings.count == 1)
        #expect(findings.first?["rule"] as? String == "composite-private-attestation")
        #expect(findings.first?["box"] as? String == "I.27")
        #expect(findings.first?["severity"] as? String == "warning")
        #expect(Self.models(report) == ["COMPOSITE"])
        #expect(report["verdict"] as? String == "accepted")
    }

    @Test func tilapiaExampleTakesFishCrust() throws {
        let report = try Self.jsonReport("tilapia-fishery.csv")
        #expect(Self.findings(report).isEmpty)
        #expect(Self.models(report) == ["FISH-CRUST-HC"])
    }

    @Test func landSnailsNamedAsExcluded() throws {
        let library = try Self.library.get()
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["cn_code"] = "03076000"
        csv.rows[0]["species"] = "Helix pomatia"
        let report = try withTemporaryFolder { folder in
            try validate(bytes: Array(csv.marked().text.utf8), in: folder, library: library)
        }

        let finding = try #require(report.checked.findings.first { $0.rule == "cn-code-no-model" })
        #expect(finding.box == "I.27")
        #expect(finding.message.en.contains("Land snails belong to none of the FISH-CRUST-HC, MOL-HC and COMPOSITE models"))
    }

    @Test func clamLineTakesMolluscModel() throws {
        let library = try Self.library.get()
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["cn_code"] = "03077100"
        csv.rows[0]["species"] = "Meretrix lusoria"
        let report = try withTemporaryFolder { folder in
            try validate(bytes: Array(csv.marked().text.utf8), in: folder, library: library)
        }

        #expect(report.checked.consignments.first?.model?.id == "MOL-HC")
        #expect(report.checked.findings.isEmpty, "\(report.checked.findings.map(\.rule))")
    }

    // MARK: - Drafts

    @Test func certificateDraftUsesNewBoxes() throws {
        let library = try Self.library.get()
        let url = Self.examples.appendingPathComponent("tilapia-fishery.csv")
        let report = try FileValidator(library: library).validate(url)
        let consignment = try #require(report.checked.consignments.first)

        let html = CertificateHTML.page(for: consignment, in: report, library: library)
        #expect(html.contains("I.27 Description of consignment"))
        #expect(html.contains("I.26 Total net weight/gross weight (kg)"))
        #expect(html.contains("I.24 Total number of packages"))
        #expect(!html.contains("id=\"box-I.25\""))
        #expect(html.contains("FISH-CRUST-HC Fishery products"))

        let xml = SPSCertificateXML.document(for: consignment, in: report, library: library)
        #expect(xml.contains("FISH-CRUST-HC Fishery products"))
    }
}
