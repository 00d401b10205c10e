import Foundation
import Testing
import TracesPrepKit

/// Grouping rows into consignments by certificate_reference, fill-down and repeating groups.
@Suite("Grouping rows into consignments")
struct GroupingTests {
    @Test("blank consignment cells fill down")
    func fillDown() throws {
        let fixture = MarkedText(try fixtureText("fill-down.csv"))

        let report = try validate(fixture)

        expectFindings(report.checked.findings, [])
        #expect(report.checked.consignments.count == 1)
        let consignment = try #require(report.checked.consignments.first).consignment
        #expect(consignment.lines.count == 2)
        #expect(consignment.lines.map { $0["cn_code"]?.source.raw } == ["03046100", "03061792"])
        #expect(consignment.header["consignee_name"]?.source.raw == "Noordkaap Seafood Trading B.V.")
        // The header values come from the first row, where they were written.
        #expect(consignment.header["consignee_name"]?.source.location.line == 2)
        #expect(report.autofilled("KH-2026-0001")["total_packages"] == "1000")
        #expect(report.autofilled("KH-2026-0001")["total_net_weight"] == "10000")
    }

    @Test("blank reference continues consignment above")
    func continuationRow() throws {
        let fixture = MarkedText(try fixtureText("continuation-row.csv"))

        let report = try validate(fixture)

        expectFindings(report.checked.findings, [])
        #expect(report.checked.consignments.count == 1)
        let consignment = try #require(report.checked.consignments.first).consignment
        #expect(consignment.reference == "KH-2026-0001")
        #expect(consignment.lines.count == 2)
        #expect(consignment.lines.last?.location.line == 3)
    }

    @Test("first row without reference is skipped")
    func missingReference() throws {
        var csv = ConsignmentCSV.valid()
        var orphan = ConsignmentCSV.shrimpLine
        orphan["certificate_reference"] = "⟦certificate-reference-missing⟧"
        csv.rows.insert(orphan, at: 0)
        let fixture = csv.marked()

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "certificate-reference-missing": FindingDetails(.missing, .error, box: "I.2"),
        ]))
        #expect(report.checked.consignments.count == 1)
        #expect(report.checked.consignments.first?.consignment.lines.count == 1)
    }

    @Test("interleaved rows group by reference")
    func interleavedConsignments() throws {
        let fixture = MarkedText(try fixtureText("interleaved-consignments.csv"))

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "container-number-check-digit": FindingDetails(.checkDigit, .error, box: "I.19", value: "EMCU3811878", expected: "9"),
        ]))
        #expect(report.checked.findings.first?.consignment == "KH-2026-0001")
        let references = report.checked.consignments.map(\.consignment.reference)
        #expect(references == ["KH-2026-0001", "KH-2026-0002"])

        let first = try #require(report.checked.consignments.first)
        #expect(first.consignment.lines.map { $0.location.line } == [2, 4])
        #expect(first.verdict == .rejected)
        // Line 4 fills its blank cells from its own consignment, not from KH-2026-0002 above it.
        #expect(first.consignment.header["entry_bcp"]?.text == "NLRTM1")
        #expect(report.autofilled("KH-2026-0001")["total_net_weight"] == "10000")

        let second = try #require(report.checked.consignments.last)
        #expect(second.consignment.lines.count == 1)
        #expect(second.consignment.header["entry_bcp"]?.text == "DEHAM1")
        #expect(second.verdict == .accepted)
        #expect(report.autofilled("KH-2026-0002")["total_net_weight"] == "3000")
    }

    @Test("two values for one field disagree")
    func rowsDisagree() throws {
        let fixture = MarkedText(try fixtureText("rows-disagree.csv"))

        let report = try validate(fixture)

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "rows-disagree": FindingDetails(.inconsistent, .error, box: "I.5", value: "Noordkaap Seafood B.V."),
        ]))
        let finding = try #require(report.checked.findings.first)
        #expect(finding.field == "consignee_name")
        #expect(finding.consignment == "KH-2026-0001")
        #expect(finding.message.en.contains("'Noordkaap Seafood B.V.' on line 3"))
        #expect(finding.message.en.contains("'Noordkaap Seafood Trading B.V.' on line 2"))
        #expect(report.checked.verdict == .rejected)
    }

    @Test("repeated document and container count once")
    func repeatedGroupEntries() throws {
        let fixture = MarkedText(try fixtureText("repeated-groups.csv"))

        let report = try validate(fixture)

        expectFindings(report.checked.findings, [])
        let consignment = try #require(report.checked.consignments.first).consignment
        #expect(consignment.containers.count == 1)
        #expect(consignment.containers.first?["container_number"]?.text == "EMCU3811879")
        #expect(consignment.documents.count == 1)
        #expect(consignment.documents.first?["document_number"]?.text == "KHH-BL-260001")
        #expect(consignment.lines.count == 2)
    }
}
