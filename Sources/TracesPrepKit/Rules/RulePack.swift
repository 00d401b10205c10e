import Foundation

/// A certificate model a pack offers, with the CN prefixes it covers.
public struct CertificateModel: Sendable {
    public var id: String
    public var name: LocalizedText
    public var cnPrefixes: [String]

    public func covers(_ cnCode: String) -> Bool {
        cnPrefixes.contains { cnCode.hasPrefix($0) }
    }
}

/// CN prefixes that no model of the pack covers, with the reason shown to the user.
public struct ExcludedCodes: Sendable {
    public var prefixes: [String]
    public var reason: LocalizedText
}

/// A rule pack: box layout, certificate models and rules, as in `Rules/packs/NAME/pack.json`.
public struct RulePack: Sendable {
    public var name: String
    public var version: String
    public var title: LocalizedText
    /// Box of each field in this pack's certificate layout.
    public var boxes: [String: String]
    /// Title of each box (`I.1` → Consignor, 出口人) for printed drafts, empty when the pack has none.
    public var boxTitles: [String: LocalizedText] = [:]
    public var models: [CertificateModel]
    public var excluded: [ExcludedCodes]
    public var rules: [Rule]

    public func model(id: String) -> CertificateModel? {
        models.first { $0.id == id }
    }

    /// Models that allow a CN code: those with a prefix of it.
    public func models(allowing cnCode: String) -> [CertificateModel] {
        models.filter { $0.covers(cnCode) }
    }

    public func exclusion(for cnCode: String) -> ExcludedCodes? {
        excluded.first { $0.prefixes.contains { cnCode.hasPrefix($0) } }
    }

    static func load(folder: URL) throws -> RulePack {
        let url = folder.appendingPathComponent("pack.json")
        let root = try JSONNode.load(url)
        try root.checkFormatVersion()
        var boxes: [String: String] = [:]
        for (field, node) in try root.required("boxes").members() {
            boxes[field] = try node.string()
        }
        let boxTitles = try loadBoxTitles(root.optional("box_titles"), boxes: boxes)
        var models: [CertificateModel] = []
        for node in try root.required("models").array() {
            let prefixesNode = try node.required("cn_prefixes")
            let prefixes = try prefixesNode.strings()
            for (index, prefix) in prefixes.enumerated() where !Self.isPrefix(prefix) {
                throw try prefixesNode.array()[index].fail(
                    "CN 前綴「\(prefix)」應為 2 到 6 位數字。", "CN prefix '\(prefix)' must be 2 to 6 digits.")
            }
            models.append(CertificateModel(
                id: try node.required("id").string(), name: try node.required("name").localized(), cnPrefixes: prefixes))
        }
        var excluded: [ExcludedCodes] = []
        for node in try root.optional("excluded_cn")?.array() ?? [] {
            excluded.append(ExcludedCodes(
                prefixes: try node.required("prefixes").strings(), reason: try node.required("reason").localized()))
        }
        var rules: [Rule] = []
        var ruleOrigins: [String: String] = [:]
        for fileNode in try root.required("rule_files").array() {
            let ruleURL = folder.appendingPathComponent(try fileNode.string()).standardizedFileURL
            let ruleRoot = try JSONNode.load(ruleURL)
            try ruleRoot.checkFormatVersion()
            for node in try ruleRoot.required("rules").array() {
                let rule = try Rule.load(node)
                if let first = ruleOrigins[rule.id] {
                    throw try node.required("id").fail(
                        "規則代碼「\(rule.id)」重複，已在 \(first) 定義。",
                        "duplicate rule id '\(rule.id)', already defined at \(first).")
                }
                ruleOrigins[rule.id] = rule.origin
                rules.append(rule)
            }
        }
        return RulePack(
            name: try root.required("pack").string(),
            version: try root.required("version").string(),
            title: try root.required("title").localized(),
            boxes: boxes, boxTitles: boxTitles, models: models, excluded: excluded, rules: rules)
    }

    /// Reads `box_titles`: each key a box that `boxes` uses, each value a text in both languages.
    private static func loadBoxTitles(_ node: JSONNode?, boxes: [String: String]) throws -> [String: LocalizedText] {
        guard let node else { return [:] }
        let knownBoxes = Set(boxes.values)
        var titles: [String: LocalizedText] = [:]
        for (box, titleNode) in try node.members() {
            guard knownBoxes.contains(box) else {
                let names = knownBoxes.sorted().joined(separator: ", ")
                throw titleNode.fail(
                    "box_titles 中的「\(box)」不是此規則包 boxes 使用的欄位。請改用：\(names)。",
                    "box_titles names the unknown box '\(box)'. Use one of the boxes in boxes: \(names).")
            }
            titles[box] = try titleNode.localized()
        }
        return titles
    }

    static func isPrefix(_ text: String) -> Bool {
        (2...6).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
