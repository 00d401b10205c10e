import Foundation
import Testing
@testable import TracesPrepKit

/// `JSONParser`: the values it builds from hand-written JSON texts, and the line, column and
/// reason of every form it rejects.
@Suite("JSON parser")
struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    /// Parses `bytes` through `JSONNode`, as a rule file is loaded, and returns the error it raises.
    func syntaxError(_ bytes: [UInt8]) -> RuleFileError? {
        do {
            _ = try JSONNode.parse(bytes, file: "test.json")
            Issue.record("expected a syntax error for \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            return nil
        } catch let error as RuleFileError {
            return error
        } catch {
            Issue.record("expected a RuleFileError, got \(error)")
            return nil
        }
    }

    // MARK: - Values

    @Test func nestedStructures() throws {
        let value = try parse(#"{"a": [1, {"b": null}, true], "c": {"d": false, "e": []}, "f": {}}"#)

        let expected = JSONValue.object([
            ("a", .array([.number("1"), .object([("b", .null)]), .bool(true)])),
            ("c", .object([("d", .bool(false)), ("e", .array([]))])),
            ("f", .object([])),
        ])
        #expect(value == expected)
    }

    @Test func membersKeepFileOrder() throws {
        let value = try parse(#"{"zebra": 1, "apple": 2, "mango": 3}"#)

        guard case .object(let members) = value else {
            Issue.record("expected an object, got \(value)")
            return
        }
        #expect(members.map(\.0) == ["zebra", "apple", "mango"])
    }

    @Test func everyEscape() throws {
        let value = try parse(#"["\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u4E2D \u0000"]"#)

        #expect(value == .array([.string("\" \\ / \u{08} \u{0C} \n \r \t A é 中 \u{0}")]))
    }

    @Test func surrogatePairEscape() throws {
        #expect(try parse(#""\ud83d\udc1f""#) == .string("🐟"))
        #expect(try parse(#""\uD83D\uDC1F and \ud83e\udd80""#) == .string("🐟 and 🦀"))
    }

    @Test func cjkText() throws {
        let value = try parse(#"{"zh-TW": "檔案資料", "混合": "鮪魚\t🐟 tuna"}"#)

        #expect(value == .object([("zh-TW", .string("檔案資料")), ("混合", .string("鮪魚\t🐟 tuna"))]))
    }

    @Test func numbersKeepTheirText() throws {
        let value = try parse("[0, -0, 1e3, 1.5E-2, -12.75e+10, 123456789012345678901234567890, 9223372036854775807]")

        let expected = JSONValue.array([
            .number("0"), .number("-0"), .number("1e3"), .number("1.5E-2"), .number("-12.75e+10"),
            .number("123456789012345678901234567890"), .number("9223372036854775807"),
        ])
        #expect(value == expected)
    }

    @Test func scalarAtTopLevel() throws {
        #expect(try parse(" \t\r\n42\n") == .number("42"))
        #expect(try parse("null") == .null)
        #expect(try parse("\"text\"") == .string("text"))
    }

    @Test func byteOrderMarkSkipped() throws {
        let value = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": true}"#.utf8))

        #expect(value == .object([("a", .bool(true))]))
    }

    @Test func depthCapAllowsMaximum() throws {
        let depth = JSONParser.maxDepth
        let value = try parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))

        var levels = 0
        var current = value
        while case .array(let items) = current {
            levels += 1
            guard let first = items.first else { break }
            current = first
        }
        #expect(levels == depth)
    }

    @Test func largeObjectAllowsDistinctKeys() throws {
        let members = (0..<40).map { "\"key\($0)\": \($0)" }.joined(separator: ", ")

        let value = try parse("{" + members + "}")

        guard case .object(let parsed) = value else {
            Issue.record("expected an object, got \(value)")
            return
        }
        #expect(parsed.count == 40)
        #expect(parsed.last?.0 == "key39")
    }

    // MARK: - Rejected forms

    /// A text the parser must reject, with the place and the words of the expected message.
    struct Rejection: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var line: Int
        var column: Int
        var english: String
        var chinese: String

        init(_ name: String, _ text: String, line: Int, column: Int, _ english: String, _ chinese: String) {
            self.init(name, Array(text.utf8), line: line, column: column, english, chinese)
        }

        init(_ name: String, _ bytes: [UInt8], line: Int, column: Int, _ english: String, _ chinese: String) {
            self.name = name
            self.bytes = bytes
            self.line = line
            self.column = column
            self.english = english
            self.chinese = chinese
        }

        var testDescription: String { name }
    }

    static let rejections: [Rejection] = [
        Rejection(
            "trailing comma in array", "[1,\n 2,\n]", line: 2, column: 3,
            "a comma must not come right before ']'; delete this comma", "「]」之前不可有逗號"),
        Rejection(
            "trailing comma in object", #"{"a": 1,}"#, line: 1, column: 8,
            "a comma must not come right before '}'", "「}」之前不可有逗號"),
        Rejection(
            "line comment", "{\n  // note\n  \"a\": 1\n}", line: 2, column: 3,
            "JSON does not allow comments", "JSON 不允許註解"),
        Rejection(
            "block comment after value", "[1] /* note */", line: 1, column: 5,
            "JSON does not allow comments", "JSON 不允許註解"),
        Rejection(
            "tab in string", "[\"a\tb\"]", line: 1, column: 4,
            "the control character U+0009 must be written as the escape \\t", "控制字元 U+0009"),
        Rejection(
            "line break in string", "{\"a\": \"x\ny\"}", line: 1, column: 9,
            "the control character U+000A must be written as the escape \\n", "跳脫序列 \\n"),
        Rejection(
            "unknown escape", #"["\x"]"#, line: 1, column: 3,
            "invalid escape sequence '\\x'", "無效的跳脫序列「\\x」"),
        Rejection(
            "short unicode escape", #"["\u12G4"]"#, line: 1, column: 3,
            "invalid escape sequence '\\u12G'", "無效的跳脫序列「\\u12G」"),
        Rejection(
            "lone high surrogate", #"["\ud83d"]"#, line: 1, column: 3,
            "'\\ud83d' is an unpaired surrogate", "「\\ud83d」是不成對的代理字元"),
        Rejection(
            "high surrogate before other escape", #"["\ud83d\u0041"]"#, line: 1, column: 3,
            "'\\ud83d' is an unpaired surrogate", "不成對的代理字元"),
        Rejection(
            "lone low surrogate", #"["ok", "\uDC1F"]"#, line: 1, column: 9,
            "'\\uDC1F' is an unpaired surrogate", "不成對的代理字元"),
        Rejection(
            "leading zero", "[01]", line: 1, column: 2,
            "a number must not start with 0 followed by more digits", "數字不可以 0 開頭"),
        Rejection(
            "leading zero after minus", "[\n-012]", line: 2, column: 2,
            "a number must not start with 0 followed by more digits", "數字不可以 0 開頭"),
        Rejection(
            "text after value", "{} x", line: 1, column: 4,
            "unexpected text after the JSON value; a file holds exactly one value, found 'x'", "JSON 值結束後還有其他內容"),
        Rejection(
            "second value", "[1]\n[2]", line: 2, column: 1,
            "unexpected text after the JSON value", "但找到「[」"),
        Rejection(
            "unterminated string", "[\"abc", line: 1, column: 2,
            "the string that starts here has no closing double quote", "沒有結尾的雙引號"),
        Rejection(
            "missing value", "[,1]", line: 1, column: 2,
            "expected a value", "此處應為一個值"),
        Rejection(
            "missing comma", "[1 2]", line: 1, column: 4,
            "expected ',' or ']' after an array element, found '2'", "陣列元素之後應為「,」或「]」，但找到「2」"),
        Rejection(
            "missing colon", #"{"a" 1}"#, line: 1, column: 6,
            "expected ':' after the key, found '1'", "鍵之後應為「:」"),
        Rejection(
            "unquoted key", "{a: 1}", line: 1, column: 2,
            "expected a key in double quotes, found 'a'", "此處應為以雙引號括住的鍵"),
        Rejection(
            "missing brace", #"{"a": 1"#, line: 1, column: 8,
            "expected ',' or '}' after an object member, but the file ends here", "但檔案在此結束"),
        Rejection(
            "full-width comma", "[\"中文\"，2]", line: 1, column: 6,
            "found '，' (U+FF0C)", "但找到「，」（U+FF0C）"),
        Rejection(
            "capitalised literal", "[True]", line: 1, column: 2,
            "expected a value", "但找到「T」"),
        Rejection(
            "cut literal", "[tru]", line: 1, column: 2,
            "expected true in lower case", "全小寫的 true"),
        Rejection(
            "minus alone", "[-]", line: 1, column: 3,
            "expected a digit 0–9 in the number, found ']'", "數字的此處應為 0–9 的數字"),
        Rejection(
            "fraction without digits", "[1.]", line: 1, column: 4,
            "expected a digit 0–9 in the number", "數字的此處應為 0–9 的數字"),
        Rejection(
            "exponent without digits", "[1e+]", line: 1, column: 5,
            "expected a digit 0–9 in the number", "數字的此處應為 0–9 的數字"),
        Rejection(
            "number out of range", "[1e400]", line: 1, column: 2,
            "the number is out of range", "數字超出可表示的範圍"),
        Rejection(
            "integer out of range", "[" + String(repeating: "9", count: 310) + "]", line: 1, column: 2,
            "the number is out of range", "數字超出可表示的範圍"),
        Rejection(
            "empty file", "", line: 1, column: 1,
            "expected a value", "但檔案在此結束"),
        Rejection(
            "duplicate key", #"{"a": 1, "a": 2}"#, line: 1, column: 10,
            "the key 'a' appears more than once in this object", "鍵「a」重複出現"),
        Rejection(
            "duplicate key in large object",
            "{" + (0..<20).map { "\"k\($0)\": 0, " }.joined() + "\"k7\": 1}", line: 1, column: 192,
            "the key 'k7' appears more than once", "鍵「k7」重複出現"),
        Rejection(
            "invalid UTF-8 byte", [0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D], line: 1, column: 4,
            "invalid UTF-8 sequence starting with byte 0xFF; save the file as UTF-8", "以位元組 0xFF 開頭的 UTF-8 序列無效"),
        Rejection(
            "overlong UTF-8 form", [0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D], line: 1, column: 3,
            "invalid UTF-8 sequence starting with byte 0xC0", "以位元組 0xC0 開頭的 UTF-8 序列無效"),
        Rejection(
            "UTF-8 surrogate", [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D], line: 1, column: 3,
            "invalid UTF-8 sequence starting with byte 0xED", "以位元組 0xED 開頭的 UTF-8 序列無效"),
        Rejection(
            "cut UTF-8 sequence", [0x5B, 0x22, 0xE4, 0xB8, 0x22, 0x5D], line: 1, column: 3,
            "invalid UTF-8 sequence starting with byte 0xE4", "以位元組 0xE4 開頭的 UTF-8 序列無效"),
        Rejection(
            "UTF-16 file", [0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00], line: 1, column: 1,
            "the file is encoded in UTF-16 or UTF-32; save it as UTF-8", "請存成 UTF-8"),
        Rejection(
            "columns count characters", "[\"中文\", x]", line: 1, column: 8,
            "expected a value", "但找到「x」"),
        Rejection(
            "CR LF line ends", "[\r\n1,\r\n]", line: 2, column: 2,
            "a comma must not come right before ']'", "之前不可有逗號"),
        Rejection(
            "byte-order mark not counted", [0xEF, 0xBB, 0xBF] + Array("[1,]".utf8), line: 1, column: 3,
            "a comma must not come right before ']'", "之前不可有逗號"),
        Rejection(
            "depth beyond cap",
            String(repeating: "[", count: JSONParser.maxDepth + 1) + String(repeating: "]", count: JSONParser.maxDepth + 1),
            line: 1, column: JSONParser.maxDepth + 1,
            "arrays and objects are nested more than 512 levels deep", "巢狀層數超過 512 層"),
    ]

    @Test(arguments: rejections)
    func rejectedForm(_ rejection: Rejection) throws {
        let error = try #require(syntaxError(rejection.bytes))

        #expect(error.file == "test.json")
        #expect(error.path == "$")
        #expect(error.message.en.hasPrefix("not valid JSON at line \(rejection.line), column \(rejection.column): "))
        #expect(error.message.zhTW.hasPrefix("不是有效的 JSON：第 \(rejection.line) 行第 \(rejection.column) 欄，"))
        #expect(error.message.en.contains(rejection.english))
        #expect(error.message.zhTW.contains(rejection.chinese))
    }

    @Test func messageKeepsTheFix() throws {
        let error = try #require(syntaxError(Array("[1,]".utf8)))

        #expect(error.message.en.hasSuffix("Find the syntax error with python3 -m json.tool, fix it and load the rules again."))
        #expect(error.message.zhTW.hasSuffix("請以 python3 -m json.tool 找出語法錯誤的位置，修正後重新載入規則。"))
    }
}
