import Foundation
import Testing
import TracesPrepKit

/// Rules that compare values: dates, weights and declared totals.
@Suite("Cross-field rules")
struct CrossFieldRuleTests {
    @Test("arrival-before-departure: day before")
    func arrivalBeforeDeparture() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["arrival_date"] = "2026/12/09⟦arrival-before-departure⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "arrival-before-departure": FindingDetails(.inconsistent, .error, box: "I.14", value: "2026/12/09"),
        ]))
        #expect(report.checked.findings.first?.message.en.contains("before the Date and time of departure 2026/12/10 18:00") == true)
        #expect(report.autofilled("KH-2026-0001")["transport_duration"] == nil)
    }

    @Test("arrival date on departure day passes")
    func arrivalOnDepartureDay() throws {
        // An arrival date without a time is compared by calendar day, so 18:00 departure the same day is fine.
        let (_, report) = try validateValid { csv in
            csv.rows[0]["arrival_date"] = "2026/12/10"
        }

        expectFindings(report.checked.findings, [])
    }

    @Test("gross-below-net: 5999 kg under 6000 kg")
    func grossBelowNet() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["total_gross_weight"] = "5999⟦gross-below-net⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "gross-below-net": FindingDetails(.inconsistent, .error, box: "I.24", value: "5999"),
        ]))
        #expect(report.checked.findings.first?.message.en.contains("total net weight of the lines, 6000 kg") == true)
    }

    @Test("gross weight in tonnes compared in kg")
    func grossInTonnes() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["total_gross_weight"] = "6.5 t⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.24", value: "6.5 t", expected: "6500"),
        ]))
    }

    @Test("declared-total: 999 packages against 1000")
    func declaredPackagesDiffer() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["total_gross_weight"] = "10800"
            csv.addColumn("total_packages", value: "999⟦declared-total⟧")
            csv.rows.append(ConsignmentCSV.shrimpLine)
        }

        // 600 + 400 packages.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "declared-total": FindingDetails(.inconsistent, .error, box: "I.23", value: "999", expected: "1000"),
        ]))
    }

    @Test("declared net total in tonnes matches")
    func declaredNetWeightMatches() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["total_gross_weight"] = "10800"
            csv.addColumn("total_net_weight", value: "10 t⟦value-normalized⟧")
            csv.rows.append(ConsignmentCSV.shrimpLine)
        }

        // 6000 kg + 4000 kg = 10 t, so only the unit conversion is reported.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.24", value: "10 t", expected: "10000"),
        ]))
    }
}
