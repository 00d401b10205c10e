import Foundation

/// A parsed JSON value that remembers its file and JSON path, so every error can name both.
struct JSONNode {
    let value: JSONValue
    private let location: JSONLocation

    /// JSON path of the value, such as `$.entries[12].code`. It is built on each call, for errors.
    var path: String { location.path }
    var file: String { location.file }

    private init(value: JSONValue, location: JSONLocation) {
        self.value = value
        self.location = location
    }

    /// Reads and parses a JSON file with `JSONParser`. A syntax error is a `RuleFileError` at path `$`
    /// whose message names the line and column.
    static func load(_ url: URL) throws -> JSONNode {
        try load(url, streamingElementsOf: nil) { _, _ in }
    }

    /// Reads and parses a JSON file like `load(_:)`, but passes each element of the root object's
    /// array `key` to `receiveElement` as it is read, as `JSONParser.parse(_:streamingElementsOf:to:)`
    /// describes. The returned tree has an empty array in its place.
    static func load(
        _ url: URL, streamingElementsOf key: String?, to receiveElement: (Int, JSONValue) -> Void
    ) throws -> JSONNode {
        let data: Data
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RuleFileError(
                file: url.path, path: "$",
                message: LocalizedText(
                    zhTW: "找不到檔案。請確認 --rules 指向含有 fields.json 的 Rules 資料夾。",
                    en: "file not found. Check that --rules names the Rules folder that holds fields.json."))
        }
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RuleFileError(
                file: url.path, path: "$",
                message: LocalizedText(
                    zhTW: "無法讀取檔案：\(error.localizedDescription)。請確認檔案存在且可讀取。",
                    en: "cannot read the file: \(error.localizedDescription). Check that it exists and is readable."))
        }
        return try data.withUnsafeBytes { raw in
            try parse(raw.bindMemory(to: UInt8.self), file: url.path, streamingElementsOf: key, to: receiveElement)
        }
    }

    /// Parses JSON text held in memory; `file` is the name that errors give.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String,
        streamingElementsOf key: String? = nil, to receiveElement: (Int, JSONValue) -> Void = { _, _ in }
    ) throws -> JSONNode {
        do {
            let value = try JSONParser.parse(bytes, streamingElementsOf: key, to: receiveElement)
            return JSONNode(value: value, location: JSONLocation(file: file))
        } catch {
            let (line, column) = JSONParser.lineAndColumn(of: error.offset, in: bytes)
            throw RuleFileError(file: file, path: "$", message: error.message(line: line, column: column))
        }
    }

    static func parse(_ bytes: [UInt8], file: String) throws -> JSONNode {
        try bytes.withUnsafeBufferPointer { try parse($0, file: file) }
    }

    func fail(_ zhTW: String, _ en: String) -> RuleFileError {
        RuleFileError(file: file, path: path, message: LocalizedText(zhTW: zhTW, en: en))
    }

    private func typeError(_ expectedZH: String, _ expectedEN: String) -> RuleFileError {
        fail("應為\(expectedZH)。", "expected \(expectedEN).")
    }

    /// Makes the node of the member `key`, whose value is `value`.
    func member(_ key: String, _ value: JSONValue) -> JSONNode {
        JSONNode(value: value, location: JSONLocation(parent: location, step: .member(key)))
    }

    /// Makes the node of the array element at `index`, whose value is `value`.
    func element(_ index: Int, _ value: JSONValue) -> JSONNode {
        JSONNode(value: value, location: JSONLocation(parent: location, step: .element(index)))
    }

    var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The value when it is a JSON string, else nil.
    var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// Returns the members of an object in file order. `JSONParser` rejects duplicate keys, so each key appears once.
    func object() throws -> [(String, JSONValue)] {
        guard case .object(let members) = value else { throw typeError("物件", "an object") }
        return members
    }

    /// Returns the keys of an object in file order.
    func keys() throws -> [String] {
        try object().map(\.0)
    }

    /// The member `key`, or nil when it is absent or null.
    func optional(_ key: String) throws -> JSONNode? {
        let members = try object()
        guard let member = members.first(where: { $0.0 == key }) else { return nil }
        if case .null = member.1 { return nil }
        return self.member(key, member.1)
    }

    func required(_ key: String) throws -> JSONNode {
        guard let member = try optional(key) else {
            throw self.member(key, value).fail("缺少必要的鍵「\(key)」。", "the required key '\(key)' is missing.")
        }
        return member
    }

    func string() throws -> String {
        guard case .string(let text) = value else { throw typeError("字串", "a string") }
        return text
    }

    /// A whole number: `3` and `3.0` are accepted, `true` and `3.5` are not.
    func int() throws -> Int {
        if case .number(let text) = value, let number = Self.integer(fromNumberText: text) {
            return number
        }
        throw typeError("整數", "a whole number")
    }

    func bool() throws -> Bool {
        guard case .bool(let flag) = value else { throw typeError("true 或 false", "true or false") }
        return flag
    }

    func array() throws -> [JSONNode] {
        try arrayValues().enumerated().map { element($0.offset, $0.element) }
    }

    /// Returns the elements of an array as plain values, for callers that make nodes only for faulty elements.
    func arrayValues() throws -> [JSONValue] {
        guard case .array(let items) = value else { throw typeError("陣列", "an array") }
        return items
    }

    func strings() throws -> [String] {
        guard case .array(let items) = value else { throw typeError("陣列", "an array") }
        var texts: [String] = []
        texts.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else { throw element(index, item).typeError("字串", "a string") }
            texts.append(text)
        }
        return texts
    }

    /// Members of an object in key order, so loading is deterministic. Members whose value is null are included.
    func members() throws -> [(key: String, node: JSONNode)] {
        try object().sorted { $0.0 < $1.0 }.map { (key: $0.0, node: member($0.0, $0.1)) }
    }

    /// A `{"zh-TW": "…", "en": "…"}` object with both languages present and non-empty.
    func localized() throws -> LocalizedText {
        if let text = Self.localizedText(value) { return text }
        // The value has a fault: read it again through nodes, which name the place in the error.
        let zhTWNode = try required("zh-TW")
        let zhTW = try zhTWNode.string()
        let enNode = try required("en")
        let en = try enNode.string()
        if Self.isBlank(zhTW) {
            throw zhTWNode.fail("中文文字不可空白。", "the zh-TW text must not be empty.")
        }
        if Self.isBlank(en) {
            throw enNode.fail("英文文字不可空白。", "the en text must not be empty.")
        }
        return LocalizedText(zhTW: zhTW, en: en)
    }

    /// Reads a well-formed `{"zh-TW": "…", "en": "…"}` value without making nodes, or returns nil
    /// where `localized()` would throw. Code lists have thousands of labels, so this saves time.
    static func localizedText(_ value: JSONValue) -> LocalizedText? {
        guard case .object(let members) = value else { return nil }
        var zhTW: String?
        var en: String?
        for (key, member) in members {
            guard case .string(let text) = member else { continue }
            if key == "zh-TW" { zhTW = text } else if key == "en" { en = text }
        }
        guard let zhTW, let en, !isBlank(zhTW), !isBlank(en) else { return nil }
        return LocalizedText(zhTW: zhTW, en: en)
    }

    /// Returns the strings of an array whose elements are all strings, or nil where `strings()` would throw.
    static func stringArray(_ value: JSONValue) -> [String]? {
        guard case .array(let items) = value else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// True when the text is empty or white space only, as `trimmingWhitespace().isEmpty` is, but
    /// without building the trimmed copy and without a Unicode property look-up for ASCII.
    private static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
        }
    }

    func checkFormatVersion(supported: Int = 1) throws {
        let versionNode = try required("format_version")
        let version = try versionNode.int()
        if version != supported {
            throw versionNode.fail(
                "不支援的格式版本 \(version)；此版本的 TracesPrep 只讀取版本 \(supported)。",
                "unsupported format version \(version); this TracesPrep reads version \(supported) only.")
        }
    }

    // MARK: - Numbers

    /// Converts the text of a JSON number to an `Int` when the number is whole and in range, such as
    /// 3 for `3`, `3.0` or `3e0`.
    static func integer(fromNumberText text: String) -> Int? {
        if let number = Int(text) { return number }
        guard let double = Double(text), double.rounded() == double, double >= -0x1p63, double < 0x1p63 else {
            return nil
        }
        return Int(double)
    }

    /// Formats a JSON number as `NSNumber.stringValue` did after `JSONSerialization` read it, because
    /// code-list attributes and rule parameters keep that text: `1` for `1`, `0` for `-0`, `1.0` for
    /// `1.0`, `1000.0` for `1e3`, `0.001` for `0.001` and `1e-07` for `1e-7`.
    ///
    /// NOTE: JSONSerialization read some numbers as `NSDecimalNumber`, which printed its digits:
    /// `100000000000000000000.0` gave `100000000000000000000`, where this returns `1e+20`.
    /// Integers beyond 64 bits keep their digits as before.
    static func numberDescription(_ text: String) -> String {
        let isInteger = !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        if isInteger {
            if let number = Int(text) { return String(number) }
            if let number = UInt64(text) { return String(number) }
            return text
        }
        // JSONParser rejects numbers that do not convert to a finite Double.
        return Double(text).map { $0.description } ?? text
    }
}

/// The place of a node in its file. A child shares its parent's location, so it costs one small
/// allocation, and the path text is built only when an error needs it.
final class JSONLocation: Sendable {
    enum Step {
        case root(file: String)
        case member(String)
        case element(Int)
    }

    let parent: JSONLocation?
    let step: Step

    init(file: String) {
        parent = nil
        step = .root(file: file)
    }

    init(parent: JSONLocation, step: Step) {
        self.parent = parent
        self.step = step
    }

    var file: String {
        var location = self
        while let parent = location.parent { location = parent }
        if case .root(let file) = location.step { return file }
        return ""
    }

    /// The JSON path, `$` for the root, `.key` for a member and `[index]` for an array element.
    var path: String {
        var steps: [Step] = []
        var location: JSONLocation? = self
        while let current = location {
            steps.append(current.step)
            location = current.parent
        }
        var text = ""
        for step in steps.reversed() {
            switch step {
            case .root: text += "$"
            case .member(let key): text += ".\(key)"
            case .element(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
