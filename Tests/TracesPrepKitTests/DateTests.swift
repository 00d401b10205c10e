import Foundation
import Testing
import TracesPrepKit

/// The date forms exporters write, and how they reach the report.
@Suite("Dates")
struct DateTests {
    @Test(
        "DateParser reads each accepted form",
        arguments: [
            ("2026-12-10T18:00:00+09:00", "2026-12-10T18:00:00+09:00", false),
            ("2026-12-10 18:00Z", "2026-12-10T18:00:00+00:00", false),
            ("2026/12/10 18:00", "2026-12-10T18:00:00+08:00", false),
            ("115/12/10 18:00", "2026-12-10T18:00:00+08:00", true),
            ("民國115年12月10日", "2026-12-10", true),
            ("２０２６／１２／１０", "2026-12-10", false),
            ("2028/02/29", "2028-02-29", false),
        ])
    func acceptedForms(text: String, iso: String, fromROC: Bool) throws {
        let result = try #require(DateParser.parse(text))

        #expect(result.value.iso8601 == iso)
        #expect(result.fromROC == fromROC)
    }

    @Test("DateParser rejects impossible dates", arguments: ["2027/02/30", "2027-02-29", "2026/13/10", "2026/12/10 24:00", "10/12/2026"])
    func impossibleDates(text: String) {
        #expect(DateParser.parse(text) == nil)
    }

    @Test("offset moves the instant")
    func offsetInstant() throws {
        let tokyo = try #require(DateParser.parse("2026-12-10T18:00:00+09:00")).value
        let taipei = try #require(DateParser.parse("2026/12/10 18:00")).value
        let reference = try #require(ISO8601DateFormatter().date(from: "2026-12-10T09:00:00Z"))

        #expect(tokyo.epochSeconds == Int(reference.timeIntervalSince1970))
        #expect(taipei.epochSeconds - tokyo.epochSeconds == 3600)
    }

    @Test("ISO departure with offset needs no note")
    func isoDepartureWithOffset() throws {
        let (_, report) = try validateValid { csv in
            csv.rows[0]["departure_datetime"] = "2026-12-10T18:00:00+09:00"
        }

        expectFindings(report.checked.findings, [])
        // 17:00 Taipei time on 10 December to 00:00 on 14 January: 7 + 34 × 24 = 823 hours.
        #expect(report.autofilled("KH-2026-0001")["transport_duration"] == "823")
    }

    @Test("ROC dates are reported as rewritten")
    func rocDates() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["departure_datetime"] = "115/12/10 18:00⟦value-normalized departure⟧"
            csv.rows[0]["arrival_date"] = "民國116年1月14日⟦value-normalized arrival⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-normalized departure": FindingDetails(
                .normalized, .info, box: "I.14", value: "115/12/10 18:00", expected: "2026-12-10T18:00:00+08:00"),
            "value-normalized arrival": FindingDetails(.normalized, .info, box: "I.14", value: "民國116年1月14日", expected: "2027-01-14"),
        ]))
        #expect(report.autofilled("KH-2026-0001")["transport_duration"] == "822")
    }

    @Test("value-format: 30 February")
    func thirtiethOfFebruary() throws {
        let (fixture, report) = try validateValid { csv in
            csv.rows[0]["arrival_date"] = "2027/02/30⟦value-format⟧"
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "value-format": FindingDetails(.format, .error, box: "I.14", value: "2027/02/30"),
        ]))
    }
}
