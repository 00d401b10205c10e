import Foundation

/// Level of a consignment at which a field's value is kept.
public enum FieldLevel: String, Sendable, CaseIterable {
    case consignment, document, container, line
}

/// Type that decides how a field's raw text is parsed and normalised before the rules run.
public enum FieldType: String, Sendable, CaseIterable {
    case text, code, datetime, date, decimal, weight, integer, duration
    case containerNumber = "container_number"
    case imoNumber = "imo_number"
    case cnCode = "cn_code"
    case species
    case yesNo = "yes_no"
    case percentage
    case files
}

/// One consignment field as declared in `Rules/fields.json`.
public struct FieldDefinition: Sendable {
    public var id: String
    public var level: FieldLevel
    public var type: FieldType
    /// Code list for `code` fields (and known names for text fields such as `entry_bcp`).
    public var list: String?
    public var label: LocalizedText
    public var aliases: [String]
}

/// Every known field, with header lookup by id, label or alias.
public struct FieldCatalog: Sendable {
    public private(set) var fields: [FieldDefinition] = []
    private var byID: [String: Int] = [:]
    private var byHeaderKey: [String: Int] = [:]

    public init(fields: [FieldDefinition]) {
        for field in fields { insert(field) }
    }

    private mutating func insert(_ field: FieldDefinition) {
        let index = fields.count
        fields.append(field)
        byID[field.id] = index
        for name in [field.id, field.label.en, field.label.zhTW] + field.aliases {
            byHeaderKey[TextNormalization.key(name)] = byHeaderKey[TextNormalization.key(name)] ?? index
        }
    }

    public subscript(id: String) -> FieldDefinition? {
        byID[id].map { fields[$0] }
    }

    /// Returns the level of a field without copying its whole definition.
    public func level(of id: String) -> FieldLevel? {
        byID[id].map { fields[$0].level }
    }

    /// Resolves a header as written to a field. Accepts the id, the English label with or without
    /// a leading box number (`I.19 Container number`), the Chinese label and any alias.
    public func field(forHeader header: String) -> FieldDefinition? {
        let key = TextNormalization.key(header)
        if let index = byHeaderKey[key] { return fields[index] }
        let withoutBox = Self.strippingBoxNumber(key)
        if withoutBox != key, let index = byHeaderKey[withoutBox] { return fields[index] }
        return nil
    }

    /// Removes a leading box number such as `i.19`, `i.2.a` or `i.21/i.22:` from a header key.
    static func strippingBoxNumber(_ key: String) -> String {
        var rest = Substring(key)
        var strippedAny = false
        while rest.hasPrefix("i."), let first = rest.dropFirst(2).first, first.isASCII, first.isNumber {
            rest = rest.dropFirst(2)
            // Digits and dotted parts: "19", "2.a", "25.1".
            while let character = rest.first, character.isASCII, character.isNumber || character.isLetter || character == "." {
                if character.isLetter, rest.dropFirst().first.map({ $0.isLetter }) ?? false { break }
                rest = rest.dropFirst()
            }
            strippedAny = true
            if rest.first == "/" { rest = rest.dropFirst() }
        }
        guard strippedAny else { return key }
        while let character = rest.first, character == " " || character == ":" || character == "-" {
            rest = rest.dropFirst()
        }
        return String(rest)
    }

    static func load(_ url: URL) throws -> FieldCatalog {
        let root = try JSONNode.load(url)
        try root.checkFormatVersion()
        var definitions: [FieldDefinition] = []
        var seen: [String: String] = [:]
        for node in try root.required("fields").array() {
            let idNode = try node.required("id")
            let id = try idNode.string()
            if seen[id] != nil {
                throw idNode.fail("欄位代碼「\(id)」重複。", "duplicate field id '\(id)'.")
            }
            seen[id] = id
            let levelNode = try node.required("level")
            guard let level = FieldLevel(rawValue: try levelNode.string()) else {
                throw levelNode.fail(
                    "未知的層級；可用：consignment、document、container、line。",
                    "unknown level; use consignment, document, container or line.")
            }
            let typeNode = try node.required("type")
            guard let type = FieldType(rawValue: try typeNode.string()) else {
                let names = FieldType.allCases.map(\.rawValue).joined(separator: ", ")
                throw typeNode.fail("未知的欄位型態；可用：\(names)。", "unknown field type; use one of: \(names).")
            }
            let list = try node.optional("list")?.string()
            if type == .code && list == nil {
                throw try node.required("list").fail("code 型態的欄位必須指定代碼表。", "a field of type code needs a code list.")
            }
            definitions.append(FieldDefinition(
                id: id, level: level, type: type, list: list,
                label: try node.required("label").localized(),
                aliases: try node.optional("aliases")?.strings() ?? []))
        }
        return FieldCatalog(fields: definitions)
    }
}
