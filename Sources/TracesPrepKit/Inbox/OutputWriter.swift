import Foundation

/// File names for outputs.
public enum OutputNames {
    /// Makes a name safe on Linux, Windows shares and macOS. Path separators, reserved and control
    /// characters become `_`, and so does an empty name.
    public static func safe(_ text: String) -> String {
        let reserved: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var output = String(text.map { reserved.contains($0) || $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) ? "_" : $0 })
        while output.hasPrefix(".") { output = "_" + output.dropFirst() }
        return output.isEmpty ? "_" : String(output.prefix(120))
    }

    /// `20261204T193000Z`: UTC, sortable, no characters that shares reject.
    public static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}

/// Writes one file's outputs into a new folder: a draft certificate (SPS XML and HTML) per
/// consignment without errors, and the report as JSON, HTML and an annotated copy of the CSV
/// or the workbook.
public struct OutputWriter {
    public var library: RuleLibrary

    public init(library: RuleLibrary) {
        self.library = library
    }

    /// Writes everything into `folder`, which must be new; records the draft names in `report`.
    public func write(_ report: inout FileReport, to folder: URL) throws {
        if report.checked.verdict != .incomplete {
            for consignment in report.checked.consignments where consignment.verdict == .accepted {
                let base = OutputNames.safe(consignment.consignment.reference)
                let xmlURL = SafeFileWriter.unusedName("\(base).sps.xml", in: folder)
                let htmlURL = SafeFileWriter.unusedName("\(base).html", in: folder)
                try SafeFileWriter.writeNew(SPSCertificateXML.document(for: consignment, in: report, library: library), to: xmlURL)
                try SafeFileWriter.writeNew(CertificateHTML.page(for: consignment, in: report, library: library), to: htmlURL)
                report.drafts[consignment.consignment.reference, default: []] += [xmlURL.lastPathComponent, htmlURL.lastPathComponent]
            }
        }
        try SafeFileWriter.writeNew(ReportJSON.document(for: report).serialized() + "\n", to: folder.appendingPathComponent("report.json"))
        try SafeFileWriter.writeNew(ReportHTML.page(for: report, library: library), to: folder.appendingPathComponent("report.html"))
        if report.input.format == .csv && !report.checked.file.headers.isEmpty {
            try SafeFileWriter.writeNew(AnnotatedCSV.bytes(for: report), to: folder.appendingPathComponent("annotated.csv"))
        }
        if report.input.format == .xlsx && report.checked.file.spreadsheet != nil && !report.checked.file.headers.isEmpty {
            try SafeFileWriter.writeNew(AnnotatedWorkbook.bytes(for: report), to: folder.appendingPathComponent("annotated.xlsx"))
        }
    }

    /// Builds the note for a file that could not be read at all, in both languages.
    public static func unreadableNote(name: String, reason: LocalizedText) -> String {
        "\(name)\n\n\(reason.zhTW)\n\(reason.en)\n"
    }
}
