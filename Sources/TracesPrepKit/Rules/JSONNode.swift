import Foundation

/// A decoded JSON value that remembers its file and JSON path, so every error can name both.
struct JSONNode {
    let value: Any
    let path: String
    let file: String

    /// Reads and parses a JSON file.
    static func load(_ url: URL) throws -> JSONNode {
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
        do {
            let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return JSONNode(value: value, path: "$", file: url.path)
        } catch {
            throw RuleFileError(
                file: url.path, path: "$",
                message: LocalizedText(
                    zhTW: "不是有效的 JSON。請以 python3 -m json.tool 找出語法錯誤的位置，修正後重新載入規則。",
                    en: "not valid JSON. Find the syntax error with python3 -m json.tool, fix it and load the rules again."))
        }
    }

    func fail(_ zhTW: String, _ en: String) -> RuleFileError {
        RuleFileError(file: file, path: path, message: LocalizedText(zhTW: zhTW, en: en))
    }

    private func typeError(_ expectedZH: String, _ expectedEN: String) -> RuleFileError {
        fail("應為\(expectedZH)。", "expected \(expectedEN).")
    }

    var isNull: Bool { value is NSNull }

    /// True for JSON true/false. On Linux every JSON number also casts to Bool, so the
    /// NSNumber's type code ("c" for booleans) decides.
    static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    func object() throws -> [String: Any] {
        guard let object = value as? [String: Any] else { throw typeError("物件", "an object") }
        return object
    }

    /// The member `key`, or nil when it is absent or null.
    func optional(_ key: String) throws -> JSONNode? {
        let object = try object()
        guard let member = object[key], !(member is NSNull) else { return nil }
        return JSONNode(value: member, path: "\(path).\(key)", file: file)
    }

    func required(_ key: String) throws -> JSONNode {
        guard let member = try optional(key) else {
            throw JSONNode(value: value, path: "\(path).\(key)", file: file)
                .fail("缺少必要的鍵「\(key)」。", "the required key '\(key)' is missing.")
        }
        return member
    }

    func string() throws -> String {
        guard let string = value as? String else { throw typeError("字串", "a string") }
        return string
    }

    func int() throws -> Int {
        if let number = value as? NSNumber, !Self.isBoolean(value), number.doubleValue == Double(number.intValue) {
            return number.intValue
        }
        throw typeError("整數", "a whole number")
    }

    func bool() throws -> Bool {
        guard Self.isBoolean(value), let flag = value as? Bool else { throw typeError("true 或 false", "true or false") }
        return flag
    }

    func array() throws -> [JSONNode] {
        guard let items = value as? [Any] else { throw typeError("陣列", "an array") }
        return items.enumerated().map { JSONNode(value: $0.element, path: "\(path)[\($0.offset)]", file: file) }
    }

    func strings() throws -> [String] {
        try array().map { try $0.string() }
    }

    /// Members of an object in key order, so loading is deterministic.
    func members() throws -> [(key: String, node: JSONNode)] {
        try object().keys.sorted().map { key in
            (key, JSONNode(value: try object()[key]!, path: "\(path).\(key)", file: file))
        }
    }

    /// A `{"zh-TW": "…", "en": "…"}` object with both languages present and non-empty.
    func localized() throws -> LocalizedText {
        let zhTW = try required("zh-TW").string()
        let en = try required("en").string()
        if zhTW.trimmingWhitespace().isEmpty {
            throw try required("zh-TW").fail("中文文字不可空白。", "the zh-TW text must not be empty.")
        }
        if en.trimmingWhitespace().isEmpty {
            throw try required("en").fail("英文文字不可空白。", "the en text must not be empty.")
        }
        return LocalizedText(zhTW: zhTW, en: en)
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
}
