import Foundation
import Testing
import TracesPrepKit

/// Consignment XML written in code: one `<consignment>` per list of field values, each field on
/// its own line, grouped by the level `Rules/fields.json` gives it. Blank values are left out.
enum ConsignmentXML {
    /// Renders the consignments. `insert` adds raw lines at the end of the consignment with the
    /// same index, before `</consignment>`.
    static func document(_ consignments: [[(String, String)]], insert: [Int: [String]] = [:]) throws -> String {
        let catalog = try loadedLibrary().catalog
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<consignments>"]
        for (index, values) in consignments.enumerated() {
            lines.append("  <consignment>")
            var groups: [FieldLevel: [String]] = [:]
            for (id, value) in values where !value.isEmpty {
                let level = catalog[id]?.level ?? .consignment
                let element = "<\(id)>\(escaped(value))</\(id)>"
                if level == .consignment {
                    lines.append("    " + element)
                } else {
                    groups[level, default: []].append(element)
                }
            }
            for level in [FieldLevel.document, .container, .line] {
                guard let elements = groups[level] else { continue }
                lines.append("    <\(level.rawValue)>")
                lines += elements.map { "      " + $0 }
                lines.append("    </\(level.rawValue)>")
            }
            lines += insert[index] ?? []
            lines.append("  </consignment>")
        }
        lines.append("</consignments>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Renders the valid tilapia consignment of `ConsignmentCSV.validTilapia` as consignment XML.
    static func valid(insert: [String] = []) throws -> String {
        try document([ConsignmentCSV.validTilapia], insert: [0: insert])
    }

    /// Returns the valid tilapia values with one value changed (or removed with an empty value).
    static func validChanging(_ field: String, to value: String) -> [(String, String)] {
        ConsignmentCSV.validTilapia.map { $0.0 == field ? ($0.0, value) : $0 }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}

/// Returns the 1-based line of the first line of `text` that contains `fragment`.
func lineNumber(of fragment: String, in text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int? {
    let lines = text.components(separatedBy: "\n")
    guard let index = lines.firstIndex(where: { $0.contains(fragment) }) else {
        Issue.record("the fixture has no line containing '\(fragment)'", sourceLocation: sourceLocation)
        return nil
    }
    return index + 1
}

/// Writes XML text as UTF-8 to `name` in a fresh folder and validates it.
func validateXML(_ text: String, named name: String = "consignment.xml") throws -> FileReport {
    try withTemporaryFolder { folder in try validate(bytes: Array(text.utf8), named: name, in: folder) }
}

extension FileReport {
    /// Returns every text a user or script receives about this file: the JSON report, the text
    /// report in both languages and the HTML report.
    func allOutputs(library: RuleLibrary) -> String {
        var outputs = [ReportJSON.document(for: self).serialized(), ReportHTML.page(for: self, library: library)]
        for language in Language.allCases {
            outputs += TextReport.lines(for: self, language: language)
            outputs.append(TextReport.summary(for: self, language: language))
        }
        return outputs.joined(separator: "\n")
    }
}
