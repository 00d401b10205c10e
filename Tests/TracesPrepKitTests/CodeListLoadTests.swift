import Foundation
import Testing
@testable import TracesPrepKit

/// `CodeList.load`: entries read from the parser one at a time, and the errors of faulty entries.
@Suite("Code list loading")
struct CodeListLoadTests {
    /// Writes `text` as `codelists/units.json` in `folder` and loads it as the list `units`.
    func load(_ text: String, in folder: URL) throws -> CodeList {
        let url = folder.appendingPathComponent("units.json")
        try Data(text.utf8).write(to: url)
        return try CodeList.load(url, expectedName: "units")
    }

    /// Loads `text` as in `load(_:in:)` and returns the RuleFileError it raises.
    func loadError(_ text: String) throws -> RuleFileError? {
        try withTemporaryFolder { folder in
            do {
                _ = try load(text, in: folder)
                Issue.record("expected the list to be rejected")
                return nil
            } catch let error as RuleFileError {
                #expect(error.file == folder.appendingPathComponent("units.json").path)
                return error
            }
        }
    }

    func list(entries: String) -> String {
        #"{"format_version": 1, "list": "units", "entries": ["# + entries + "]}"
    }

    @Test func attributesKeepTheirText() throws {
        let text = list(entries: #"""
            {"code": "kg", "label": {"en": "kilogram", "zh-TW": "公斤"}, "aliases": ["kgs"],
             "whole": 1, "half": 1.5, "small": 0.001, "thousand": 1e3, "flag": true, "off": false,
             "note": "text", "empty": null, "list": [1], "object": {"a": 1}}
            """#)

        let loaded = try withTemporaryFolder { try load(text, in: $0) }

        let entry = try #require(loaded.entries.first)
        #expect(entry.code == "kg")
        #expect(entry.label == LocalizedText(zhTW: "公斤", en: "kilogram"))
        #expect(entry.aliases == ["kgs"])
        let expected = ["whole": "1", "half": "1.5", "small": "0.001", "thousand": "1000.0", "flag": "true", "off": "false", "note": "text"]
        #expect(entry.attributes == expected)
    }

    @Test func entriesKeepFileOrder() throws {
        let entries = (0..<50).map { #"{"code": "C\#($0)", "label": {"en": "Code \#($0)", "zh-TW": "代碼 \#($0)"}}"# }
        let text = list(entries: entries.joined(separator: ",\n"))

        let loaded = try withTemporaryFolder { try load(text, in: $0) }

        #expect(loaded.entries.map(\.code) == (0..<50).map { "C\($0)" })
    }

    @Test func faultyEntryNamesItsPlace() throws {
        let text = list(entries: #"""
            {"code": "kg", "label": {"en": "kilogram", "zh-TW": "公斤"}},
            {"code": 5, "label": {"en": "five", "zh-TW": "五"}}
            """#)

        let error = try #require(try loadError(text))

        #expect(error.path == "$.entries[1].code")
        #expect(error.message.en == "expected a string.")
    }

    @Test func missingLabelNamesItsPlace() throws {
        let error = try #require(try loadError(list(entries: #"{"code": "kg"}"#)))

        #expect(error.path == "$.entries[0].label")
        #expect(error.message.en == "the required key 'label' is missing.")
    }

    @Test func nullAliasesRejected() throws {
        let error = try #require(try loadError(list(entries: #"{"code": "kg", "label": {"en": "kg", "zh-TW": "公斤"}, "aliases": null}"#)))

        #expect(error.path == "$.entries[0].aliases")
        #expect(error.message.en == "expected an array.")
    }

    @Test func firstFaultyEntryReported() throws {
        let text = list(entries: #"""
            {"code": "kg", "label": {"en": "kilogram", "zh-TW": " "}},
            {"code": 5, "label": {"en": "five", "zh-TW": "五"}}
            """#)

        let error = try #require(try loadError(text))

        #expect(error.path == "$.entries[0].label.zh-TW")
        #expect(error.message.en == "the zh-TW text must not be empty.")
    }

    @Test func syntaxErrorBeatsEntryFault() throws {
        // The faulty entry is read before the parser reaches the trailing comma, which is still the reported fault.
        let text = #"{"format_version": 1, "list": "units", "entries": [{"code": 5}],}"#

        let error = try #require(try loadError(text))

        #expect(error.path == "$")
        #expect(error.message.en.hasPrefix("not valid JSON at line 1, column 64: a comma must not come right before '}'"))
    }

    @Test func formatVersionBeatsEntryFault() throws {
        let text = #"{"format_version": 2, "list": "units", "entries": [{"code": 5}]}"#

        let error = try #require(try loadError(text))

        #expect(error.path == "$.format_version")
        #expect(error.message.en.hasPrefix("unsupported format version 2"))
    }

    @Test func entriesMustBeAnArray() throws {
        let error = try #require(try loadError(#"{"format_version": 1, "list": "units", "entries": {"code": "kg"}}"#))

        #expect(error.path == "$.entries")
        #expect(error.message.en == "expected an array.")
    }

    @Test func nestedEntriesAreNotStreamed() throws {
        // Only the root object's `entries` is streamed, so a nested one stays in the tree as data.
        let text = #"{"format_version": 1, "list": "units", "meta": {"entries": [1, 2]}, "entries": []}"#

        let loaded = try withTemporaryFolder { try load(text, in: $0) }

        #expect(loaded.entries.isEmpty)
    }
}
