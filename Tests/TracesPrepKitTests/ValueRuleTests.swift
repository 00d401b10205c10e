import Foundation
import Testing
import TracesPrepKit

/// Rules on single values: formats, code lists, allowed values and check digits.
@Suite("Value rules")
struct ValueRuleTests {
    // MARK: - format and positive

    @Test("value-format: month 13")
    func invalidDate() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["departure_datetime"] = "2026/13/10 18:00⟦value-format⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-format": FindingDetails(.format, .error, box: "I.14", value: "2026/13/10 18:00"),
        ]))
        // Without a departure time there is no transport duration.
        #expect(report.autofilled("KH-2026-0001")["transport_duration"] == nil)
    }

    @Test("value-format: weight in pounds")
    func invalidWeight() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["net_weight"] = "6000 lbs⟦value-format⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-format": FindingDetails(.format, .error, box: "I.25", value: "6000 lbs"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["total_net_weight"] == nil)
    }

    @Test("positive-quantity: zero packages")
    func zeroPackages() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["package_count"] = "0⟦positive-quantity⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "positive-quantity": FindingDetails(.format, .error, box: "I.25", value: "0"),
        ]))
    }

    // MARK: - Code lists and allowed values

    @Test("code-list: unknown country XX")
    func unknownCountry() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["consignee_country"] = "XX⟦code-list⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "code-list": FindingDetails(.unknownCode, .error, box: "I.5", value: "XX"),
        ]))
        #expect(report.checked.findings.first?.message.en.contains("code list 'countries'") == true)
    }

    @Test("destination-eu-member: US")
    func destinationOutsideEU() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["country_of_destination"] = "US⟦destination-eu-member⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "destination-eu-member": FindingDetails(.notAllowed, .error, box: "I.9", value: "US"),
        ]))
    }

    @Test("entry-bcp-format: NL-RTM")
    func malformedBCP() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["entry_bcp"] = "NL-RTM⟦entry-bcp-format⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "entry-bcp-format": FindingDetails(.format, .error, box: "I.16", value: "NL-RTM"),
        ]))
    }

    @Test("entry-bcp-eu-member: USNYC1")
    func bcpOutsideEU() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["entry_bcp"] = "USNYC1⟦entry-bcp-eu-member⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "entry-bcp-eu-member": FindingDetails(.notAllowed, .error, box: "I.16", value: "USNYC1"),
        ]))
    }

    @Test("entry BCP by name becomes code")
    func bcpByName() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["entry_bcp"] = "鹿特丹港⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.16", value: "鹿特丹港", expected: "NLRTM1"),
        ]))
    }

    @Test("certified_as outside its list")
    func certifiedAsUnknown() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["certified_as"] = "Animal feed⟦code-list⟧"
        }

        // The shipped list contains Human consumption only, so any other value is an unknown code.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "code-list": FindingDetails(.unknownCode, .error, box: "I.20", value: "Animal feed"),
        ]))
    }

    @Test("certified-as-human-consumption: listed other use")
    func certifiedAsOtherUse() throws {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["certified_as"] = "Technical use⟦certified-as-human-consumption⟧"
        let fixture = csv.marked()

        let report = try withTemporaryFolder { folder in
            // A site that lists another use in certified-as.json still may not certify fish for it.
            let rules = try copyRules(into: folder)
            let listURL = rules.appendingPathComponent("codelists/certified-as.json")
            var list = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: listURL)) as? [String: Any])
            var entries = try #require(list["entries"] as? [[String: Any]])
            entries.append(["code": "Technical use", "label": ["en": "Technical use", "zh-TW": "技術用途"]])
            list["entries"] = entries
            try JSONSerialization.data(withJSONObject: list).write(to: listURL)
            let library = try RuleLibrary.load(root: rules)

            return try validate(bytes: Array(fixture.text.utf8), in: folder, library: library)
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "certified-as-human-consumption": FindingDetails(
                .notAllowed, .error, box: "I.20", value: "Technical use", expected: "Human consumption"),
        ]))
    }

    @Test("purpose-transit: warning")
    func transitPurpose() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["purpose"] = "transit⟦purpose-transit⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "purpose-transit": FindingDetails(.notAllowed, .warning, box: "I.21/I.22", value: "transit", expected: "internal market"),
        ]))
        #expect(report.checked.verdict == .accepted)
    }

    // MARK: - Container and IMO numbers

    @Test("container-number-format: ten characters")
    func shortContainerNumber() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["container_number"] = "EMCU381187⟦container-number-format⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "container-number-format": FindingDetails(.format, .error, box: "I.19", value: "EMCU381187"),
        ]))
    }

    @Test("container-number-check-digit: EMCU3811878")
    func containerCheckDigit() throws {
        // E=15 M=24 C=13 U=32 3 8 1 1 8 7, weighted 1, 2, 4 … 512, sum to 6499, and 6499 mod 11 = 9.
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["container_number"] = "EMCU3811878⟦container-number-check-digit⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "container-number-check-digit": FindingDetails(.checkDigit, .error, box: "I.19", value: "EMCU3811878", expected: "9"),
        ]))
        #expect(report.checked.findings.first?.message.en.contains("it is EMCU3811879.") == true)
    }

    @Test("container number normalised then valid", arguments: ["ＥＭＣＵ３８１１８７９", "EMCU 381187-9"])
    func containerNumberNormalized(written: String) throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["container_number"] = written + "⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.19", value: written, expected: "EMCU3811879"),
        ]))
    }

    @Test("lower-case container number passes silently")
    func containerNumberCaseOnly() throws {
        // Changing only case is not reported as a rewrite.
        let (_, report) = try validateValid { csv in
            csv.rows[0]["container_number"] = "emcu3811879"
        }

        expectFindings(report.checked.findings, [])
        #expect(report.checked.consignments.first?.consignment.containers.first?["container_number"]?.text == "EMCU3811879")
    }

    @Test("imo-number-format: six digits")
    func shortIMONumber() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["imo_number"] = "IMO907472⟦imo-number-format⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "imo-number-format": FindingDetails(.format, .error, box: "I.15", value: "IMO907472"),
        ]))
    }

    @Test("imo-number-check-digit: IMO9074728")
    func imoCheckDigit() throws {
        // 9×7 + 0×6 + 7×5 + 4×4 + 7×3 + 2×2 = 139, so the check digit is 9.
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["imo_number"] = "IMO9074728⟦imo-number-check-digit⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "imo-number-check-digit": FindingDetails(.checkDigit, .error, box: "I.15", value: "IMO9074728", expected: "9"),
        ]))
    }

    @Test("IMO check digit arithmetic")
    func imoCheckDigitUnit() {
        #expect(IMONumber.checkDigit("IMO9074729") == 9)
        #expect(IMONumber.isWellFormed("IMO9074729"))
        #expect(!IMONumber.isWellFormed("IMO907472"))
    }

    @Test("ISO 6346 check digit arithmetic")
    func containerCheckDigitUnit() {
        #expect(ISO6346.checkDigit("EMCU3811879") == 9)
        // CSQU3054383 is the example of ISO 6346: 6185 mod 11 = 3.
        #expect(ISO6346.checkDigit("CSQU3054383") == 3)
        #expect(ISO6346.isWellFormed("CSQU3054383"))
        #expect(!ISO6346.isWellFormed("CSQX3054383"))
    }
}
