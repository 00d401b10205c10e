import Foundation
import Testing
import TracesPrepKit

/// CN codes, certificate models and species of the commodity lines.
@Suite("CN codes, models and species")
struct CNCodeRuleTests {
    // MARK: - CN code form and HS 2022

    @Test("cn-code-format: nine digits")
    func nineDigitCode() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "030461001⟦cn-code-format⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "cn-code-format": FindingDetails(.format, .error, box: "I.25", value: "030461001"),
        ]))
        // No model can be chosen for a code that cannot be read.
        #expect(report.checked.consignments.first?.model == nil)
    }

    @Test("cn-code-leading-zero: 3046100")
    func lostLeadingZero() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "3046100⟦cn-code-leading-zero⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "cn-code-leading-zero": FindingDetails(.excelDamage, .error, box: "I.25", value: "3046100", expected: "03046100"),
        ]))
        // The repaired code still selects the fishery model.
        #expect(report.autofilled("KH-2026-0001")["certificate_model"] == "fishery")
    }

    @Test("dotted CN code is read as digits")
    func dottedCode() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "0304.61.00⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.25", value: "0304.61.00", expected: "03046100"),
        ]))
    }

    @Test("ccc-code-reduced: Taiwanese CCC code to HS-6")
    func cccCodeReduced() throws {
        // 0304.61.00.00-6 is a CCC code of 10 digits and a check digit; 0304 61 is its HS-6 prefix.
        // The EU's 8-digit CN code cannot be derived from it, so a person must confirm it.
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "0304.61.00.00-6⟦ccc-code-reduced⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "ccc-code-reduced": FindingDetails(.normalized, .warning, box: "I.25", value: "0304.61.00.00-6", expected: "030461"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["certificate_model"] == "fishery")
    }

    @Test("FAO 3-alpha code reads as species")
    func threeAlphaSpecies() throws {
        // TLN is the ASFIS 3-alpha code of Oreochromis niloticus, Nile tilapia.
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["species"] = "TLN⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.25", value: "TLN", expected: "Oreochromis niloticus"),
        ]))
    }

    @Test("cn-code-unknown: the manual's 03040600")
    func manualCodeNotInHS() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "03040600⟦cn-code-unknown⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "cn-code-unknown": FindingDetails(.unknownCode, .error, box: "I.25", value: "03040600", expected: "030461"),
        ]))
        let message = report.checked.findings.first?.message.en ?? ""
        #expect(message.contains("HS subheading 030406 does not exist"))
        #expect(message.contains("the subheading is 030461"))
    }

    @Test("cn-code-unknown without a suggestion names the heading")
    func unknownCodeNamesHeading() throws {
        // No subheading of 0304 names the genus Sardina or pilchards, so only the heading can be named.
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "03040600⟦cn-code-unknown⟧"
            csv.rows[0]["species"] = "Sardina pilchardus"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "cn-code-unknown": FindingDetails(.unknownCode, .error, box: "I.25", value: "03040600"),
        ]))
        let message = report.checked.findings.first?.message.en ?? ""
        #expect(message.contains("Heading 0304"))
    }

    @Test("cn-code-unknown suggests tilapia subheading")
    func manualCodeSuggestion() throws {
        // Two subheadings of 0304 name Oreochromis: 0304 31 (fresh or chilled fillets) and
        // 0304 61 (frozen fillets); the line's treatment Frozen leaves 0304 61.
        let (_, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "03040600"
        }

        let finding = try #require(report.checked.findings.first { $0.rule == "cn-code-unknown" })
        #expect(finding.expected == "030461")
        #expect(finding.message.en.contains("030461"))
    }

    @Test("cn-code-unknown: fresh tilapia suggests 030431")
    func freshTilapiaSuggestion() throws {
        let (_, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "03040600"
            csv.rows[0]["treatment_type"] = "Chilled"
        }

        let finding = try #require(report.checked.findings.first { $0.rule == "cn-code-unknown" })
        #expect(finding.expected == "030431")
    }

    @Test("cn-code-no-model: bivalve 03077100")
    func bivalveHasNoModel() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "03077100⟦cn-code-no-model⟧"
            csv.rows[0]["species"] = "Meretrix lusoria"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "cn-code-no-model": FindingDetails(.notAllowed, .error, box: "I.25", value: "03077100"),
        ]))
        let message = try #require(report.checked.findings.first?.message)
        #expect(message.en.contains(
            "Bivalve molluscs, echinoderms and marine gastropods need a separate certificate model, which this pack does not cover."))
        #expect(message.zhTW.contains("雙殼貝類、棘皮動物及海洋腹足類需使用另一種證書格式，此規則包不涵蓋。"))
        #expect(report.autofilled("KH-2026-0001")["certificate_model"] == nil)
    }

    // MARK: - Certificate models

    @Test("model-conflict: fish and chicken lines")
    func fishAndChickenLines() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "03046100⟦model-conflict⟧"
            csv.rows.append([
                "certificate_reference": "KH-2026-0001", "cn_code": "16023219", "nature_of_commodity": "Farmed stock",
                "treatment_type": "Cooked", "manufacturing_plant": "SAMPLE-001", "package_count": "50",
                "package_type": "CT", "net_weight": "500", "batch_number": "CK261204",
            ])
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "model-conflict": FindingDetails(.modelConflict, .error, box: "I.25"),
        ]))
        let message = report.checked.findings.first?.message.en ?? ""
        #expect(message.contains("line 2 03046100: 2074/2005 (2019/628) Fishery products"))
        #expect(message.contains("line 3 16023219: 28/2012 (2017/731) Composite products intended for human consumption"))
        #expect(report.checked.consignments.first?.model == nil)
    }

    @Test("model-not-allowed: composite for a 0304 line")
    func declaredModelNotAllowed() throws {
        let (fixture, report) = try validateValid { csv in
            csv.addColumn("certificate_model", value: "composite")
            csv.rows[0]["cn_code"] = "03046100⟦model-not-allowed⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "model-not-allowed": FindingDetails(.notAllowed, .error, box: "I.25", value: "03046100"),
        ]))
        #expect(report.checked.findings.first?.field == "cn_code")
        #expect(report.checked.consignments.first?.model == nil)
    }

    @Test("model-not-allowed: unknown model name")
    func declaredModelUnknown() throws {
        let (fixture, report) = try validateValid { csv in
            csv.addColumn("certificate_model", value: "shellfish⟦model-not-allowed⟧")
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "model-not-allowed": FindingDetails(.notAllowed, .error, box: "I.25", value: "shellfish"),
        ]))
        #expect(report.checked.findings.first?.message.en.contains("fishery (2074/2005 (2019/628) Fishery products)") == true)
    }

    @Test("declared model by its Chinese name")
    func declaredModelByName() throws {
        let (_, report) = try validateValid { csv in
            csv.addColumn("certificate_model", header: "證書格式", value: "2074/2005 (2019/628) 漁產品")
        }

        expectFindings(report.checked.findings, [])
        #expect(report.autofilled("KH-2026-0001")["certificate_model"] == "fishery")
    }

    // MARK: - Species

    @Test("species-unknown: misspelt name")
    func misspeltSpecies() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["species"] = "Oreochromis niloticuss⟦species-unknown⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "species-unknown": FindingDetails(
                .unknownCode, .error, box: "I.25", value: "Oreochromis niloticuss", expected: "Oreochromis niloticus"),
        ]))
        let message = try #require(report.checked.findings.first?.message)
        #expect(message.en.contains("Did you mean Oreochromis niloticus (Nile tilapia)?"))
        #expect(message.zhTW.contains("是否為 Oreochromis niloticus（Nile tilapia）？"))
    }

    @Test("Genus spp. of a listed genus passes", arguments: ["Oreochromis spp.", "Oreochromis spp", "oreochromis  niloticus"])
    func genusSpp(species: String) throws {
        let (_, report) = try validateValid { csv in
            csv.rows[0]["species"] = species
        }

        expectFindings(report.checked.findings, [])
    }

    @Test("species-cn-mismatch: shrimp under tilapia code")
    func shrimpUnderTilapiaCode() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["species"] = "Penaeus vannamei⟦species-cn-mismatch⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "species-cn-mismatch": FindingDetails(.inconsistent, .warning, box: "I.25", value: "Penaeus vannamei"),
        ]))
        let message = report.checked.findings.first?.message.en ?? ""
        #expect(message.contains("HS subheading 030461"))
        #expect(message.contains("(Oreochromis)"))
        #expect(report.checked.verdict == .accepted)
    }
}
