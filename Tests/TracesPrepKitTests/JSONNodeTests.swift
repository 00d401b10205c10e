import Foundation
import Testing
@testable import TracesPrepKit

/// `JSONNode`: the typed accessors that rule files are read with, and the JSON paths their errors name.
@Suite("JSON nodes")
struct JSONNodeTests {
    func node(_ text: String) throws -> JSONNode {
        try JSONNode.parse(Array(text.utf8), file: "node.json")
    }

    /// Runs `read` and returns the RuleFileError it raises, or nil when it returns.
    func fault(_ read: () throws -> Void) -> RuleFileError? {
        do {
            try read()
            return nil
        } catch let error as RuleFileError {
            return error
        } catch {
            Issue.record("expected a RuleFileError, got \(error)")
            return nil
        }
    }

    @Test(arguments: [
        ("3", 3), ("3.0", 3), ("3e0", 3), ("-0", 0), ("-0.0", 0), ("-7", -7), ("1e3", 1000), ("1E+2", 100),
        ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
    ])
    func intAcceptsWholeNumbers(_ text: String, _ expected: Int) throws {
        #expect(try node(text).int() == expected)
    }

    @Test(arguments: ["true", "false", "3.5", "\"3\"", "null", "[3]", "9223372036854775808", "1e19", "-1e19"])
    func intRejectsOtherValues(_ text: String) throws {
        let error = try #require(fault { _ = try node(text).int() })

        #expect(error.path == "$")
        #expect(error.message.en == "expected a whole number.")
        #expect(error.message.zhTW == "應為整數。")
    }

    @Test func boolAcceptsOnlyBooleans() throws {
        #expect(try node("true").bool() == true)
        #expect(try node("false").bool() == false)
        for text in ["1", "0", "\"true\"", "null"] {
            let error = fault { _ = try node(text).bool() }
            #expect(error?.message.en == "expected true or false.", "value \(text)")
        }
    }

    @Test func membersInKeyOrder() throws {
        let members = try node(#"{"b": 1, "a": 2, "c": null}"#).members()

        #expect(members.map(\.key) == ["a", "b", "c"])
        #expect(members.map(\.node.path) == ["$.a", "$.b", "$.c"])
        #expect(members[2].node.isNull)
    }

    @Test func optionalTreatsNullAsAbsent() throws {
        let root = try node(#"{"a": null, "b": "x"}"#)

        #expect(try root.optional("a") == nil)
        #expect(try root.optional("missing") == nil)
        #expect(try root.optional("b")?.string() == "x")
    }

    /// The text that NSNumber.stringValue printed for each number JSONSerialization read (Swift 6.3 on Linux).
    @Test(arguments: [
        ("1", "1"), ("-1", "-1"), ("-0", "0"), ("1.5", "1.5"), ("0.001", "0.001"), ("1.0", "1.0"), ("-0.0", "-0.0"),
        ("1e3", "1000.0"), ("1E+2", "100.0"), ("1.5E-2", "0.015"), ("1e-7", "1e-07"), ("0.00001", "1e-05"),
        ("1e15", "1000000000000000.0"), ("1e16", "1e+16"), ("2.5e-5", "2.5e-05"), ("3.14159265358979", "3.14159265358979"),
        ("12345678901234567890", "12345678901234567890"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("-9223372036854775809", "-9223372036854775809"),
    ])
    func numberDescriptionMatchesNSNumber(_ text: String, _ expected: String) {
        #expect(JSONNode.numberDescription(text) == expected)
    }

    @Test func pathNamesNestedPlace() throws {
        let root = try node(#"{"entries": [{"code": "A"}, {"code": 5}]}"#)
        let second = try root.required("entries").array()[1]

        let error = try #require(fault { _ = try second.required("code").string() })

        #expect(error.file == "node.json")
        #expect(error.path == "$.entries[1].code")
        #expect(error.message.en == "expected a string.")
    }

    @Test func missingKeyPathNamesKey() throws {
        let root = try node(#"{"entries": [{"code": "A"}]}"#)
        let entry = try root.required("entries").array()[0]

        let error = try #require(fault { _ = try entry.required("label") })

        #expect(error.path == "$.entries[0].label")
        #expect(error.message.en == "the required key 'label' is missing.")
    }

    @Test func stringsNamesFaultyElement() throws {
        let root = try node(#"{"aliases": ["a", "b", 3]}"#)

        let error = try #require(fault { _ = try root.required("aliases").strings() })

        #expect(error.path == "$.aliases[2]")
        #expect(error.message.en == "expected a string.")
    }

    @Test func localizedNamesBlankLanguage() throws {
        let blank = try node(#"{"label": {"zh-TW": " \u3000", "en": "Tuna"}}"#)
        let missing = try node(#"{"label": {"zh-TW": "鮪魚"}}"#)
        let number = try node(#"{"label": {"zh-TW": "鮪魚", "en": 7}}"#)

        let blankError = try #require(fault { _ = try blank.required("label").localized() })
        let missingError = try #require(fault { _ = try missing.required("label").localized() })
        let numberError = try #require(fault { _ = try number.required("label").localized() })

        #expect(blankError.path == "$.label.zh-TW")
        #expect(blankError.message.en == "the zh-TW text must not be empty.")
        #expect(missingError.path == "$.label.en")
        #expect(missingError.message.en == "the required key 'en' is missing.")
        #expect(numberError.path == "$.label.en")
        #expect(numberError.message.en == "expected a string.")
    }

    @Test func localizedReadsBothLanguages() throws {
        let label = try node(#"{"en": "Tuna", "zh-TW": "鮪魚"}"#).localized()

        #expect(label == LocalizedText(zhTW: "鮪魚", en: "Tuna"))
    }
}
