import Foundation
import Testing
import TracesPrepKit

/// The values TracesPrep fills in the way TRACES-NT does.
@Suite("Auto-fill")
struct AutoFillTests {
    @Test("valid consignment autofilled values")
    func validConsignment() throws {
        let (_, report) = try validateValid { _ in }

        let filled = report.autofilled("KH-2026-0001")
        #expect(filled["central_competent_authority"] == "BSMI")
        // TWKHH is a place of loading of the Kaohsiung branch in Rules/authorities.json.
        #expect(filled["local_competent_authority"] == "BSMI-KH")
        #expect(filled["total_packages"] == "600")
        #expect(filled["total_net_weight"] == "6000")
        // 18:00 on 10 December to 00:00 on 14 January, both +08:00: 6 + 34 × 24 = 822 hours.
        #expect(filled["transport_duration"] == "822")
        #expect(filled["certificate_model"] == "fishery")
        #expect(filled["country_of_origin"] == "TW")
        #expect(filled["region_of_origin"] == "Kaohsiung City")
    }

    @Test("local authority by port name", arguments: [("高雄港", "BSMI-KH"), ("TWTXG", "BSMI-TC"), ("Port of Keelung", "BSMI-KL")])
    func localAuthority(place: String, code: String) throws {
        let (_, report) = try validateValid { csv in
            csv.rows[0]["place_of_loading"] = place
        }

        #expect(report.autofilled("KH-2026-0001")["local_competent_authority"] == code)
    }

    @Test("net weight totals are exact decimals")
    func exactDecimalTotals() throws {
        let (_, report) = try validateValid { csv in
            csv.rows[0]["total_gross_weight"] = "1"
            csv.rows[0]["package_count"] = "1"
            csv.rows[0]["net_weight"] = "0.1"
            var second = ConsignmentCSV.shrimpLine
            second["package_count"] = "2"
            second["net_weight"] = "0.2"
            csv.rows.append(second)
        }

        expectFindings(report.checked.findings, [])
        // In binary floating point 0.1 + 0.2 is 0.30000000000000004.
        #expect(report.autofilled("KH-2026-0001")["total_net_weight"] == "0.3")
        #expect(report.autofilled("KH-2026-0001")["total_packages"] == "3")
    }

    @Test(
        "weights with units are stored in kg",
        arguments: [("12.5 t", "12500"), ("500公斤", "500"), ("6,000", "6000"), ("250 g", "0.25"), ("１２．５ t", "12500")])
    func weightUnits(written: String, kilograms: String) throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["total_gross_weight"] = "13000"
            csv.rows[0]["net_weight"] = written + "⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.25", value: written, expected: kilograms),
        ]))
        #expect(report.autofilled("KH-2026-0001")["total_net_weight"] == kilograms)
    }

    @Test("unit in a net_weight_unit column")
    func weightUnitColumn() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["total_gross_weight"] = "13000"
            csv.rows[0]["net_weight"] = "12.5⟦value-normalized weight⟧"
            csv.addColumn("net_weight_unit", header: "淨重單位", value: "公噸⟦value-normalized unit⟧")
        }

        // A unit written by its Chinese name is reported as read as its UN/ECE Rec. 20 code.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized weight": FindingDetails(.normalized, .info, box: "I.25", value: "12.5", expected: "12500"),
            "value-normalized unit": FindingDetails(.normalized, .info, box: "I.25", value: "公噸", expected: "TNE"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["total_net_weight"] == "12500")
    }

    @Test("model-choice: code allowed by two models")
    func modelChoice() throws {
        // 1604 20 is under the fishery prefix 1604 and the composite prefix 160420; the longer
        // prefix names the code more precisely, so composite is chosen, as in the BSMI manual.
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "⟦row: model-choice⟧16042090"
            csv.rows[0]["species"] = "Thunnus albacares"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "model-choice": FindingDetails(.missing, .warning, box: "I.25", expected: "composite"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["certificate_model"] == "composite")
    }

    // MARK: - Country of origin

    @Test("origin from the file without a plant")
    func originFromFile() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["country_of_origin"] = "VN"
            csv.rows[0]["manufacturing_plant"] = "⟦recommended-manufacturing-plant⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "recommended-manufacturing-plant": FindingDetails(.missing, .warning, box: "I.25"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["country_of_origin"] == "VN")
    }

    @Test("origin-from-consignor: no origin and no plant")
    func originFromConsignor() throws {
        let (fixture, report) = try validateValid { csv in
            csv.removeColumn("country_of_origin")
            csv.rows[0]["manufacturing_plant"] = "⟦recommended-manufacturing-plant⟧"
            csv.rows[0]["consignor_country"] = "⟦row: origin-from-consignor⟧TW"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "recommended-manufacturing-plant": FindingDetails(.missing, .warning, box: "I.25"),
            "origin-from-consignor": FindingDetails(.missing, .warning, box: "I.7", expected: "TW"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["country_of_origin"] == "TW")
        #expect(report.checked.verdict == .accepted)
    }

    @Test("origin-mismatch: plant in another country")
    func originMismatch() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["country_of_origin"] = "VN⟦origin-mismatch⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "origin-mismatch": FindingDetails(.inconsistent, .warning, box: "I.7", value: "VN", expected: "TW"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["country_of_origin"] == "TW")
    }

    @Test("establishment-not-listed: unknown plant")
    func unknownEstablishment() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["manufacturing_plant"] = "TW-1234⟦establishment-not-listed⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "establishment-not-listed": FindingDetails(.unknownCode, .warning, box: "I.25", value: "TW-1234"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["country_of_origin"] == "TW")
    }
}
