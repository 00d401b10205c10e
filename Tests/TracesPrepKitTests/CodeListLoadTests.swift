import Foundation
import Testing
@testable import TracesPrepKit

/// `CodeList.load`: entries read from the parser one at a time, the errors of faulty entries, and
/// lookups through the indexes built on first use.
@Suite("Code list loading")
struct CodeListLoadTests {
    /// Writes `text` as `units.json` in `folder` and loads it as the list `units`.
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

    // MARK: - Lookup

    func sampleList() -> CodeList {
        CodeList(name: "units", entries: [
            CodeEntry(code: "KGM", label: LocalizedText(zhTW: "公斤", en: "Kilogram"), aliases: ["kg", "KG"], attributes: [:]),
            CodeEntry(code: "TNE", label: LocalizedText(zhTW: "公噸", en: "Tonne"), aliases: ["t", "kg"], attributes: [:]),
            CodeEntry(code: "KGM", label: LocalizedText(zhTW: "公斤（重複）", en: "Kilogram again"), aliases: [], attributes: [:]),
        ])
    }

    @Test func lookupByEverySpelling() {
        let units = sampleList()

        #expect(units.entry(for: "TNE")?.label.en == "Tonne")
        #expect(units.entry(for: "tonne")?.code == "TNE")
        #expect(units.entry(for: "公噸")?.code == "TNE")
        #expect(units.entry(for: "Ｔ")?.code == "TNE")
        #expect(units.entry(for: "  KILOGRAM ")?.code == "KGM")
        #expect(units.entry(for: "gram") == nil)
        #expect(units.contains(code: "TNE"))
        #expect(!units.contains(code: "tne"))
    }

    @Test func duplicateSpellingsKeepOldWinners() {
        let units = sampleList()

        // By exact code the last entry wins; by normalised spelling the first one does.
        #expect(units.entry(code: "KGM")?.label.en == "Kilogram again")
        #expect(units.entry(for: "KGM")?.label.en == "Kilogram again")
        #expect(units.entry(for: "kgm")?.label.en == "Kilogram")
        #expect(units.entry(for: "kg")?.code == "KGM")
        #expect(units.entry(for: "kg")?.label.en == "Kilogram")
    }

    @Test func concurrentFirstLookups() {
        let units = sampleList()
        let spellings = ["tonne", "公斤", "kg", "t", "KGM", "Tonne", "missing", "公噸"]
        let expected = spellings.map { units.entry(for: $0)?.code }
        let copy = sampleList()
        let results = LockedResults(count: spellings.count * 8)

        // A fresh list builds its indexes on the first lookup, which several threads make at once here.
        DispatchQueue.concurrentPerform(iterations: spellings.count * 8) { iteration in
            let spelling = spellings[iteration % spellings.count]
            results.set(iteration, copy.entry(for: spelling)?.code)
        }

        for iteration in 0..<spellings.count * 8 {
            #expect(results.get(iteration) == expected[iteration % spellings.count], "iteration \(iteration)")
        }
    }
}

/// Results written from several threads, one slot each.
private final class LockedResults: @unchecked Sendable {
    // @unchecked: `values` is only used while `lock` is held.
    private let lock = NSLock()
    private var values: [String?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: String?) {
        lock.lock()
        defer { lock.unlock() }
        values[index] = value
    }

    func get(_ index: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}
