import Foundation

/// One entry of a code list: the code, its labels and the other spellings accepted for it.
public struct CodeEntry: Sendable {
    public var code: String
    public var label: LocalizedText
    public var aliases: [String]
    /// Extra string-valued keys of the entry (such as `kg_factor` or `parent`).
    public var attributes: [String: String]
}

/// A list of valid codes loaded from `Rules/codelists/NAME.json`.
public struct CodeList: Sendable {
    public var name: String
    public private(set) var entries: [CodeEntry] = []
    private var byKey: [String: Int] = [:]
    private var byCode: [String: Int] = [:]

    public init(name: String, entries: [CodeEntry]) {
        self.name = name
        for entry in entries {
            let index = self.entries.count
            self.entries.append(entry)
            byCode[entry.code] = index
            for spelling in [entry.code, entry.label.en, entry.label.zhTW] + entry.aliases {
                let key = TextNormalization.key(spelling)
                if byKey[key] == nil { byKey[key] = index }
            }
        }
    }

    /// The entry whose code, label or alias matches the value, ignoring case and full-width forms.
    public func entry(for value: String) -> CodeEntry? {
        if let index = byCode[value] { return entries[index] }
        return byKey[TextNormalization.key(value)].map { entries[$0] }
    }

    public func entry(code: String) -> CodeEntry? {
        byCode[code].map { entries[$0] }
    }

    public func contains(code: String) -> Bool { byCode[code] != nil }

    static func load(_ url: URL, expectedName: String) throws -> CodeList {
        let root = try JSONNode.load(url)
        try root.checkFormatVersion()
        let nameNode = try root.required("list")
        let name = try nameNode.string()
        if name != expectedName {
            throw nameNode.fail(
                "代碼表名稱「\(name)」與檔名「\(expectedName)」不符。",
                "list name '\(name)' does not match the file name '\(expectedName)'.")
        }
        var entries: [CodeEntry] = []
        for node in try root.required("entries").array() {
            var attributes: [String: String] = [:]
            for (key, value) in try node.object() where !["code", "label", "aliases"].contains(key) {
                if let text = value as? String {
                    attributes[key] = text
                } else if JSONNode.isBoolean(value), let flag = value as? Bool {
                    attributes[key] = flag ? "true" : "false"
                } else if let number = value as? NSNumber {
                    attributes[key] = number.stringValue
                }
            }
            entries.append(CodeEntry(
                code: try node.required("code").string(),
                label: try node.required("label").localized(),
                aliases: try node.optional("aliases")?.strings() ?? [],
                attributes: attributes))
        }
        return CodeList(name: name, entries: entries)
    }
}
