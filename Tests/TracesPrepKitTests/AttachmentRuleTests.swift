import Foundation
import Testing
import TracesPrepKit

/// Attached files: where they may lie and how large they may be together.
@Suite("Attachments")
struct AttachmentRuleTests {
    /// Size of a file outside the drop folder. It is over the 2 MB cap on its own, so a reader
    /// that counted it would also report attachment-size-cap.
    static let outsideFileSize = 3_000_000

    /// Validates the valid consignment with a bill of lading whose document_file cell is `cell`.
    /// The file lies in `drop/` beside `outside.pdf`, and `drop/link.pdf` is a symbolic link to it.
    func validateWithAttachment(_ cell: String) throws -> (MarkedText, FileReport) {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["document_type"] = "Bill of lading"
        csv.rows[0]["document_number"] = "KHH-BL-260001"
        csv.rows[0]["document_file"] = cell
        let fixture = csv.marked()

        let report = try withTemporaryFolder { folder in
            let drop = folder.appendingPathComponent("drop", isDirectory: true)
            try FileManager.default.createDirectory(at: drop.appendingPathComponent("docs"), withIntermediateDirectories: true)
            let outside = folder.appendingPathComponent("outside.pdf")
            try Data(count: Self.outsideFileSize).write(to: outside)
            try Data("%PDF-1.4 bill of lading".utf8).write(to: drop.appendingPathComponent("docs/bl.pdf"))
            try FileManager.default.createSymbolicLink(
                at: drop.appendingPathComponent("link.pdf"), withDestinationURL: outside)

            return try validate(fixture, in: drop)
        }
        return (fixture, report)
    }

    @Test("file in a subfolder is accepted")
    func attachmentInSubfolder() throws {
        let (_, report) = try validateWithAttachment("docs/bl.pdf")

        expectFindings(report.checked.findings, [])
    }

    @Test("attachment-file: missing file")
    func missingAttachment() throws {
        let (fixture, report) = try validateWithAttachment("docs/invoice.pdf⟦attachment-file⟧")

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "attachment-file": FindingDetails(.attachment, .error, box: "I.17", value: "docs/invoice.pdf"),
        ]))
        #expect(report.checked.findings.first?.message.en.contains("the file was not found") == true)
    }

    @Test(
        "attachment-file: path outside the folder",
        arguments: ["../outside.pdf", "/etc/hostname", "link.pdf", "docs/../../outside.pdf"])
    func attachmentOutsideFolder(path: String) throws {
        let (fixture, report) = try validateWithAttachment(path + "⟦attachment-file⟧")

        // Only attachment-file: no attachment-size-cap, so the 3,000,000-byte outside file was not counted.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "attachment-file": FindingDetails(.attachment, .error, box: "I.17", value: path),
        ]))
        #expect(report.checked.findings.first?.message.en.contains("leads outside the folder") == true)
    }

    @Test("attachment-size-cap: two files over 2 MB")
    func attachmentsOverCap() throws {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["document_type"] = "Commercial invoice"
        csv.rows[0]["document_number"] = "INV-2026-0001"
        csv.rows[0]["document_file"] = "docs/invoice.pdf⟦attachment-size-cap⟧"
        // A row with only document cells adds a document, not a commodity line.
        csv.rows.append([
            "certificate_reference": "KH-2026-0001", "document_type": "Bill of lading",
            "document_number": "KHH-BL-260001", "document_file": "docs/bl.pdf",
        ])
        let fixture = csv.marked()

        let report = try withTemporaryFolder { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
            try Data(count: 1_300_009).write(to: folder.appendingPathComponent("docs/invoice.pdf"))
            try Data(count: 1_300_009).write(to: folder.appendingPathComponent("docs/bl.pdf"))
            return try validate(fixture, in: folder)
        }

        // 2 × 1,300,009 = 2,600,018 bytes, over the cap of 2 × 1024 × 1024 = 2,097,152 bytes.
        expectFindings(report.checked.findings, fixture.expectedFindings([
            "attachment-size-cap": FindingDetails(.attachment, .error, box: "I.17", expected: "≤ 2097152"),
        ]))
        let message = report.checked.findings.first?.message.en ?? ""
        #expect(message.contains("2.48 MB (2600018 bytes)"))
        #expect(message.contains("cap of 2.00 MB"))
        #expect(report.checked.consignments.first?.consignment.documents.count == 2)
        #expect(report.checked.consignments.first?.consignment.lines.count == 1)
    }

    @Test("several files in one cell")
    func severalFilesInOneCell() throws {
        var csv = ConsignmentCSV.valid()
        csv.rows[0]["document_type"] = "Bill of lading"
        csv.rows[0]["document_number"] = "KHH-BL-260001"
        csv.rows[0]["document_file"] = "docs/bl.pdf;docs/bl-page2.pdf⟦extra-document-files⟧"
        let fixture = csv.marked()

        let report = try withTemporaryFolder { folder in
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
            try Data("%PDF-1.4 page 1".utf8).write(to: folder.appendingPathComponent("docs/bl.pdf"))
            try Data("%PDF-1.4 page 2".utf8).write(to: folder.appendingPathComponent("docs/bl-page2.pdf"))
            return try validate(fixture, in: folder)
        }

        expectFindings(report.checked.findings, fixture.expectedFindings([
            "extra-document-files": FindingDetails(.attachment, .info, box: "I.17", value: "docs/bl.pdf;docs/bl-page2.pdf"),
        ]))
    }
}
