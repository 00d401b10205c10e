import Foundation
import Testing
import TracesPrepKit

/// The `required`, `required_with` and `required_group` rules of the bsmi-2020 pack.
@Suite("Mandatory fields")
struct RequiredRuleTests {
    @Test("mandatory-consignment: empty consignee")
    func missingConsignee() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["consignee_name"] = "⟦mandatory-consignment⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "mandatory-consignment": FindingDetails(.missing, .error, box: "I.5"),
        ]))
        #expect(report.checked.findings.first?.field == "consignee_name")
        #expect(report.checked.verdict == .rejected)
    }

    @Test("mandatory-consignment: column absent")
    func consigneeColumnAbsent() throws {
        let (_, report) = try validateValid { csv in
            csv.removeColumn("consignee_name")
        }

        // Without the column there is no header to cite, so the message names the field id to add.
        expectFindings(report.checked.findings, [
            ExpectedFinding(rule: "mandatory-consignment", kind: .missing, severity: .error, box: "I.5", line: 2, column: nil),
        ])
        #expect(report.checked.findings.first?.message.en.contains("column 'consignee_name'") == true)
    }

    @Test("mandatory-transport-conditions: empty")
    func missingTransportConditions() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["transport_conditions"] = "⟦mandatory-transport-conditions⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "mandatory-transport-conditions": FindingDetails(.missing, .error, box: "I.18"),
        ]))
    }

    @Test("mandatory-line: empty package type")
    func missingPackageType() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["package_type"] = "⟦mandatory-line⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "mandatory-line": FindingDetails(.missing, .error, box: "I.25"),
        ]))
    }

    @Test("mandatory-line-fishery: empty species")
    func missingSpeciesOnFisheryLine() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["species"] = "⟦mandatory-line-fishery⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "mandatory-line-fishery": FindingDetails(.missing, .error, box: "I.25"),
        ]))
    }

    @Test("mandatory-line-composite: empty plant")
    func missingPlantOnCompositeLine() throws {
        // 1602 32 (prepared chicken meat) is covered by the composite model only.
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "16023219"
            csv.rows[0]["species"] = ""
            csv.rows[0]["manufacturing_plant"] = "⟦mandatory-line-composite⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "mandatory-line-composite": FindingDetails(.missing, .error, box: "I.25"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["certificate_model"] == "composite")
    }

    @Test("recommended-imo-number: vessel without IMO")
    func missingIMONumber() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["imo_number"] = "⟦recommended-imo-number⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "recommended-imo-number": FindingDetails(.missing, .warning, box: "I.15"),
        ]))
        #expect(report.checked.verdict == .accepted)
    }

    @Test("document-number-required: type without number")
    func documentTypeWithoutNumber() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["document_type"] = "Bill of lading"
            csv.rows[0]["document_number"] = "⟦document-number-required⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "document-number-required": FindingDetails(.missing, .error, box: "I.17"),
        ]))
        #expect(report.checked.findings.first?.message.en.contains("Accompanying document type is given") == true)
    }

    @Test("container-number-for-vessel: no container")
    func vesselWithoutContainer() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["container_number"] = "⟦container-number-for-vessel⟧"
            csv.rows[0]["seal_number"] = ""
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "container-number-for-vessel": FindingDetails(.missing, .warning, box: "I.19"),
        ]))
        #expect(report.checked.verdict == .accepted)
    }

    @Test("air freight needs no container or IMO")
    func airFreight() throws {
        let (_, report) = try validateValid { csv in
            csv.rows[0]["transport_mode"] = "Airplane"
            csv.rows[0]["transport_identification"] = "BR 87"
            csv.rows[0]["imo_number"] = ""
            csv.rows[0]["voyage_number"] = ""
            csv.rows[0]["container_number"] = ""
            csv.rows[0]["seal_number"] = ""
        }

        expectFindings(report.checked.findings, [])
    }
}
