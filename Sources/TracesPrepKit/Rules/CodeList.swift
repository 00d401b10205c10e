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

    /// Looks up the entry whose code, label or alias matches the value, ignoring case and full-width forms.
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
            // Read each entry's members from one cast of the object: casting per key is slow
            // on Linux, and the species list has over 13,000 entries.
            let object = try node.object()
            var attributes: [String: String] = [:]
            var code: String?
            var label: LocalizedText?
            var aliases: [String] = []
            for (key, value) in object {
                switch key {
                case "code":
                    code = try JSONNode(value: value, path: "\(node.path).code", file: node.file).string()
                case "label":
                    label = try JSONNode(value: value, path: "\(node.path).label", file: node.file).localized()
                case "aliases":
                    aliases = try JSONNode(value: value, path: "\(node.path).aliases", file: node.file).strings()
                default:
                    if let text = value as? String {
                        attributes[key] = text
                    } else if JSONNode.isBoolean(value), let flag = value as? Bool {
                        attributes[key] = flag ? "true" : "false"
                    } else if let number = value as? NSNumber {
                        attributes[key] = number.stringValue
                    }
                }
            }
            guard let code else {
                throw JSONNode(value: object, path: "\(node.path).code", file: node.file)
                    .fail("缺少必要的鍵「code」。", "the required key 'code' is missing.")
            }
            guard let label else {
                throw JSONNode(value: object, path: "\(node.path).label", file: node.file)
                    .fail("缺少必要的鍵「label」。", "the required key 'label' is missing.")
            }
            entries.append(CodeEntry(code: code, label: label, aliases: aliases, attributes: attributes))
        }
        return CodeList(name: name, entries: entries)
    }
}
