import Foundation
import Testing
import TracesPrepKit

/// Values TracesPrep rewrites before checking them, each reported with the value as written.
@Suite("Normalisation")
struct NormalizationTests {
    @Test("full-width digits in a CN code")
    func fullWidthDigits() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["cn_code"] = "０３０４６１００⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.25", value: "０３０４６１００", expected: "03046100"),
        ]))
    }

    @Test("full-width letters in a country code")
    func fullWidthLetters() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["consignee_country"] = "ＮＬ⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.5", value: "ＮＬ", expected: "NL"),
        ]))
    }

    @Test("ideographic space after a value")
    func ideographicSpace() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["treatment_type"] = "Frozen\u{3000}⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.25", value: "Frozen\u{3000}", expected: "Frozen"),
        ]))
    }

    @Test("white space around a code")
    func surroundingSpaces() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["consignee_country"] = " NL ⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.5", value: " NL ", expected: "NL"),
        ]))
    }

    @Test("ROC date forms", arguments: ["116/01/14", "116.01.14", "1160114", "民國116年1月14日"])
    func rocDates(form: String) throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["arrival_date"] = form + "⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.14", value: form, expected: "2027-01-14"),
        ]))
    }

    @Test("ROC date and time")
    func rocDateTime() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["departure_datetime"] = "115/12/10 18:00⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(
                .normalized, .info, box: "I.14", value: "115/12/10 18:00", expected: "2026-12-10T18:00:00+08:00"),
        ]))
    }

    @Test("units in weight cells", arguments: [("6 t", "6000"), ("6000公斤", "6000"), ("500 g", "0.5")])
    func weightUnits(written: String, kilograms: String) throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["net_weight"] = written + "⟦value-normalized⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.25", value: written, expected: kilograms),
        ]))
        #expect(report.autofilled("KH-2026-0001")["total_net_weight"] == kilograms)
    }

    @Test("yes and no in both languages", arguments: [("是", "yes"), ("否", "no"), ("Ｙ", "yes"), ("N", "no")])
    func yesNoWords(written: String, code: String) throws {
        let (fixture, report) = try validateValid { csv in
            csv.addColumn("final_consumer", value: written + "⟦value-normalized⟧")
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized": FindingDetails(.normalized, .info, box: "I.25", value: written, expected: code),
        ]))
    }

    @Test("yes and no as codes pass silently", arguments: ["yes", "No", "YES"])
    func yesNoCodes(written: String) throws {
        let (_, report) = try validateValid { csv in
            csv.addColumn("final_consumer", value: written)
        }

        expectFindings(report.checked.findings, [])
    }

    @Test("ROC date typed in a workbook")
    func rocDateInWorkbook() throws {
        var workbook = WorkbookBuilder.consignment()
        workbook.set("arrival_date", to: .text("民國116年1月14日"))
        workbook.set("consignee_country", to: .text("ＮＬ"))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "value-normalized", kind: .normalized, severity: .info, box: "I.5", line: 2,
                column: workbook.reference("consignee_country"), value: "ＮＬ", expected: "NL"),
            ExpectedFinding(
                rule: "value-normalized", kind: .normalized, severity: .info, box: "I.14", line: 2,
                column: workbook.reference("arrival_date"), value: "民國116年1月14日", expected: "2027-01-14"),
        ])
    }

    @Test("CCC code in a workbook")
    func cccCodeInWorkbook() throws {
        var workbook = WorkbookBuilder.consignment()
        workbook.set("cn_code", to: .text("0304.61.00.00-6"))

        let report = try validate(workbook)

        expectFindings(report.checked.findings, [
            ExpectedFinding(
                rule: "ccc-code-reduced", kind: .normalized, severity: .warning, box: "I.25", line: 2, column: "Sheet1!AB2",
                value: "0304.61.00.00-6", expected: "030461"),
        ])
        #expect(report.checked.findings.first?.message.en.contains("confirm the 8-digit CN code with the importer") == true)
    }
}
