import Foundation
import Testing
import TracesPrepKit

/// Unknown codes and names, each with the nearest valid values in its finding.
@Suite("Suggestions")
struct SuggestionTests {
    @Test("species-unknown: tilapia names Oreochromis")
    func tilapiaCommonName() throws {
        let (_, report) = try validateValid { csv in
            csv.rows[0]["species"] = "tilapia"
        }

        let finding = try #require(report.checked.findings.first { $0.rule == "species-unknown" })
        #expect(finding.value == "tilapia")
        #expect(finding.expected == nil)
        #expect(finding.message.en.contains(
            "Did you mean Oreochromis spp (Tilapias nei), Oreochromis mossambicus (Mozambique tilapia), "
                + "Oreochromis niloticus (Nile tilapia), Oreochromis aureus (Blue tilapia), Oreochromis spilurus (Sabaki tilapia)? "))
    }

    @Test("species-unknown: English common name")
    func nileTilapia() throws {
        let (_, report) = try validateValid { csv in
            csv.rows[0]["species"] = "Nile tilapia"
        }

        let finding = try #require(report.checked.findings.first { $0.rule == "species-unknown" })
        #expect(finding.expected == "Oreochromis niloticus")
        #expect(finding.message.zhTW.contains("是否為 Oreochromis niloticus（Nile tilapia）？"))
    }

    @Test("code-list: country by name", arguments: [("荷蘭王國", "NL"), ("Netherland", "NL"), ("Hollande", "NL"), ("Germny", "DE")])
    func countryByName(written: String, code: String) throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["consignee_country"] = written + "⟦code-list⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "code-list": FindingDetails(.unknownCode, .error, box: "I.5", value: written, expected: code),
        ]))
    }

    @Test("country aliases 荷蘭 and Holland are read", arguments: ["荷蘭", "Holland"])
    func countryAliases(written: String) throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["consignee_country"] = written + "⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.5", value: written, expected: "NL"),
        ]))
    }

    @Test("code-list: package and treatment types by name", arguments: [
        ("package_type", "Cartn", "CT"), ("package_type", "瓦楞紙箱", "CT"), ("treatment_type", "Frozn", "Frozen"),
        ("treatment_type", "冷凍品", "Frozen"),
    ])
    func typesByName(field: String, written: String, code: String) throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0][field] = written + "⟦code-list⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "code-list": FindingDetails(.unknownCode, .error, box: "I.25", value: written, expected: code),
        ]))
        let message = try #require(report.checked.findings.first?.message)
        #expect(message.en.contains("Did you mean \(code)"))
        #expect(message.zhTW.contains("是否為 \(code)"))
    }

    @Test("code-list: nothing near")
    func nothingNear() throws {
        let (_, report) = try validateValid { csv in
            csv.rows[0]["package_type"] = "Zeppelin"
        }

        let finding = try #require(report.checked.findings.first { $0.rule == "code-list" })
        #expect(finding.expected == nil)
        #expect(!finding.message.en.contains("Did you mean"))
    }

    @Test("cn-code-unknown: frozen tuna fillets")
    func tunaSubheading() throws {
        // The HS text of 0304 87 names the genus outside parentheses: "tunas (of the genus Thunnus)".
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "03040600⟦cn-code-unknown⟧"
            csv.rows[0]["species"] = "Thunnus albacares"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "cn-code-unknown": FindingDetails(.unknownCode, .error, box: "I.25", value: "03040600", expected: "030487"),
        ]))
    }
}
