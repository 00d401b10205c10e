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
///
/// The lookup indexes are built on first use, not when the list loads: the species list has over
/// 13,000 entries, and most commands look up few of its codes or none. Copies of a list share the
/// indexes, which is safe because `entries` does not change after `init`.
public struct CodeList: Sendable {
    public var name: String
    public let entries: [CodeEntry]
    /// Entry index by exact code; a code listed twice maps to its last entry.
    private let byCode: LazyValue<[String: Int]>
    /// Entry index by `TextNormalization.key` of each code, label and alias; the first entry wins.
    private let byKey: LazyValue<[String: Int]>
    /// Suggestions already made for a value not in the list, by value and limit.
    let suggestions = MemoTable<SuggestionKey, [Int]>()

    struct SuggestionKey: Hashable, Sendable {
        var value: String
        var limit: Int
    }

    public init(name: String, entries: [CodeEntry]) {
        self.name = name
        self.entries = entries
        byCode = LazyValue { Self.codeIndex(entries) }
        byKey = LazyValue { Self.keyIndex(entries) }
    }

    private static func codeIndex(_ entries: [CodeEntry]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() {
            index[entry.code] = position
        }
        return index
    }

    private static func keyIndex(_ entries: [CodeEntry]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count * 2)
        var spellings: [String] = []
        for (position, entry) in entries.enumerated() {
            spellings.removeAll(keepingCapacity: true)
            for spelling in [entry.code, entry.label.en, entry.label.zhTW] + entry.aliases where !spellings.contains(spelling) {
                spellings.append(spelling)
            }
            // A spelling written the same way as an earlier one of the entry gives the same key, so it is skipped.
            for spelling in spellings {
                let key = TextNormalization.key(spelling)
                if index[key] == nil { index[key] = position }
            }
        }
        return index
    }

    /// Looks up the entry whose code, label or alias matches the value, ignoring case and full-width forms.
    public func entry(for value: String) -> CodeEntry? {
        if let position = byCode.value[value] { return entries[position] }
        return byKey.value[TextNormalization.key(value)].map { entries[$0] }
    }

    public func entry(code: String) -> CodeEntry? {
        byCode.value[code].map { entries[$0] }
    }

    public func contains(code: String) -> Bool { byCode.value[code] != nil }

    static func load(_ url: URL, expectedName: String) throws -> CodeList {
        // The species list has over 13,000 entries, so they are taken from the parser one at a
        // time rather than from a tree of the whole file, and well-formed ones are read without
        // making nodes. An entry with a fault is kept as parsed. Once the whole file has parsed and
        // the members before `entries` have passed their checks, it is read again through nodes,
        // which name its place in the error.
        var entries: [CodeEntry] = []
        var faults: [(position: Int, index: Int, value: JSONValue)] = []
        let root = try JSONNode.load(url, streamingElementsOf: "entries") { index, value in
            if let entry = wellFormedEntry(value) {
                entries.append(entry)
            } else {
                faults.append((entries.count, index, value))
            }
        }
        try root.checkFormatVersion()
        let nameNode = try root.required("list")
        let name = try nameNode.string()
        if name != expectedName {
            throw nameNode.fail(
                "代碼表名稱「\(name)」與檔名「\(expectedName)」不符。",
                "list name '\(name)' does not match the file name '\(expectedName)'.")
        }
        // When `entries` is not an array it was not streamed, and this throws the type error.
        let entriesNode = try root.required("entries")
        _ = try entriesNode.arrayValues()
        for (inserted, fault) in faults.enumerated() {
            // `entry(_:)` throws for every entry that `wellFormedEntry(_:)` rejects, so the first fault stops loading.
            entries.insert(try entry(entriesNode.element(fault.index, fault.value)), at: fault.position + inserted)
        }
        return CodeList(name: name, entries: entries)
    }

    /// Reads an entry whose members are all valid, or returns nil where `entry(_:)` would throw.
    private static func wellFormedEntry(_ value: JSONValue) -> CodeEntry? {
        guard case .object(let members) = value else { return nil }
        // Every member but code, label and aliases is an attribute. Under callgrind, sizing the
        // dictionary in its initialiser cost fewer instructions than `reserveCapacity`.
        var attributes = [String: String](minimumCapacity: max(0, members.count - 3))
        var code: String?
        var label: LocalizedText?
        var aliases: [String] = []
        for (key, member) in members {
            switch key {
            case "code":
                guard case .string(let text) = member else { return nil }
                code = text
            case "label":
                guard let text = JSONNode.localizedText(member) else { return nil }
                label = text
            case "aliases":
                guard let texts = JSONNode.stringArray(member) else { return nil }
                aliases = texts
            default:
                if let text = attributeText(member) { attributes[key] = text }
            }
        }
        guard let code, let label else { return nil }
        return CodeEntry(code: code, label: label, aliases: aliases, attributes: attributes)
    }

    /// Reads one entry: `code` and `label` are required, `aliases` is optional, and any other member is an attribute.
    private static func entry(_ node: JSONNode) throws -> CodeEntry {
        var attributes: [String: String] = [:]
        var code: String?
        var label: LocalizedText?
        var aliases: [String] = []
        for (key, value) in try node.object() {
            switch key {
            case "code": code = try node.member(key, value).string()
            case "label": label = try node.member(key, value).localized()
            case "aliases": aliases = try node.member(key, value).strings()
            default:
                if let text = attributeText(value) { attributes[key] = text }
            }
        }
        guard let code else {
            throw node.member("code", node.value).fail("缺少必要的鍵「code」。", "the required key 'code' is missing.")
        }
        guard let label else {
            throw node.member("label", node.value).fail("缺少必要的鍵「label」。", "the required key 'label' is missing.")
        }
        return CodeEntry(code: code, label: label, aliases: aliases, attributes: attributes)
    }

    /// Converts an extra member of an entry to its attribute text: a string as it is, a boolean as
    /// `true` or `false`, a number as `NSNumber.stringValue` printed it. Null, arrays and objects give nil.
    private static func attributeText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return JSONNode.numberDescription(text)
        case .null, .array, .object: return nil
        }
    }
}
