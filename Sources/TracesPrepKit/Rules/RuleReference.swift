import Foundation

/// Describes the rules of a loaded pack for people: one rule in full (`tracesprep rules explain`),
/// or all of them as a text table or as the Markdown reference that `Rules/README.md` includes
/// (`tracesprep rules list`).
public struct RuleReference {
    public var library: RuleLibrary
    public var site: SiteSettings
    public var language: Language

    public init(library: RuleLibrary, site: SiteSettings, language: Language) {
        self.library = library
        self.site = site
        self.language = language
    }

    // MARK: - Facts about one rule

    /// Returns the fields a rule looks at: its `fields`, or every field whose type is in `params.types`.
    public func fields(of rule: Rule) -> [String] {
        if !rule.fields.isEmpty { return rule.fields }
        let types = Set(rule.listParameter("types"))
        return library.catalog.fields.filter { types.contains($0.type.rawValue) }.map(\.id)
    }

    /// Returns the boxes a rule's findings are reported in, in print order. An event rule has none.
    public func boxes(of rule: Rule) -> [String] {
        if let box = rule.box { return [box] }
        let boxes = Set(fields(of: rule).compactMap { library.pack.boxes[$0] })
        return boxes.sorted(by: BoxOrder.areInIncreasingOrder)
    }

    /// Returns what the rule's check or event reports.
    public func description(of rule: Rule) -> String {
        let text = rule.check == CheckRegistry.eventCheckName
            ? rule.parameter("event").flatMap(CheckDescriptions.event)
            : CheckDescriptions.check(rule.check)
        return text?[language] ?? words("（沒有說明）", "(no description)")
    }

    /// Describes the rule's `when` condition in words, or returns nil when the rule always applies.
    public func condition(of rule: Rule) -> String? {
        guard let condition = rule.condition else { return nil }
        var parts: [String] = []
        if let models = condition.models {
            let list = models.joined(separator: ", ")
            parts.append(words("證書格式為 \(list) 之一時", "when the certificate model is one of \(list)"))
        }
        if let field = condition.field {
            if let equals = condition.equals {
                let list = equals.joined(separator: ", ")
                parts.append(words("\(field) 為 \(list) 時", "when \(field) is \(list)"))
            }
            if let present = condition.present {
                parts.append(present ? words("\(field) 有值時", "when \(field) has a value") : words("\(field) 沒有值時", "when \(field) is blank"))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: words("，且", " and "))
    }

    /// Returns the rule file relative to the Rules folder, such as `packs/common/rules.json`.
    public func file(of rule: Rule) -> String {
        let file = rule.origin.range(of: " $", options: .backwards).map { String(rule.origin[..<$0.lowerBound]) } ?? rule.origin
        let rootPath = library.root.standardizedFileURL.path + "/"
        return file.hasPrefix(rootPath) ? String(file.dropFirst(rootPath.count)) : file
    }

    /// Formats a sample for people: a value as written, `(blank)` for an empty one, or a situation.
    public func sample(_ sample: RuleExample.Sample, code: Bool) -> String {
        switch sample {
        case .value(let text) where text.isEmpty: return words("（空白）", "(blank)")
        case .value(let text): return code ? "`\(text)`" : text
        case .situation(let text): return text[language]
        }
    }

    /// Returns the severity in force, marked when the site settings changed it.
    public func severity(of rule: Rule) -> String {
        guard site.severityOverrides[rule.id] != nil else { return rule.severity.rawValue }
        return rule.severity.rawValue + words("（由 site.json 設定）", " (set by site.json)")
    }

    func words(_ zhTW: String, _ en: String) -> String {
        LocalizedText(zhTW: zhTW, en: en)[language]
    }

    // MARK: - rules explain

    /// Lists every fact about one rule, one labelled line each.
    public func explanation(of rule: Rule) -> String {
        var lines: [(String, String)] = [
            (words("檔案", "File"), file(of: rule)),
            (words("規則包", "Pack"), library.pack.name),
            (words("檢查", "Checks"), "\(rule.check): \(description(of: rule))"),
        ]
        if let event = rule.parameter("event"), rule.check == CheckRegistry.eventCheckName {
            lines.append((words("事件", "Event"), event))
        }
        let fieldList = fields(of: rule).map { id -> String in
            let box = library.pack.boxes[id].map { "\($0) " } ?? ""
            let label = library.catalog[id]?.label[language] ?? id
            return "\(id) (\(box)\(label))"
        }
        if !fieldList.isEmpty {
            lines.append((words("欄位", "Fields"), fieldList.joined(separator: ", ")))
        }
        let boxes = boxes(of: rule)
        lines.append((words("欄位編號", "Box"), boxes.isEmpty ? "—" : boxes.joined(separator: ", ")))
        lines.append((words("適用", "Applies"), condition(of: rule) ?? words("一律", "always")))
        let parameters = rule.parameters.keys.sorted().compactMap { key -> String? in
            guard key != "event" || rule.check != CheckRegistry.eventCheckName else { return nil }
            return "\(key) = \(Self.text(of: rule.parameters[key]!))"
        }
        if !parameters.isEmpty {
            lines.append((words("參數", "Parameters"), parameters.joined(separator: "; ")))
        }
        lines.append((words("種類", "Kind"), rule.kind.rawValue))
        lines.append((words("嚴重度", "Severity"), severity(of: rule)))
        let separator = language == .zhTW ? "" : " "
        lines.append((words("訊息", "Message"), rule.message[language] + separator + rule.hint[language]))
        if let example = rule.example {
            lines.append((words("通過", "Passes"), sample(example.pass, code: false)))
            lines.append((words("不通過", "Fails"), sample(example.fail, code: false)))
        } else {
            lines.append((words("範例", "Example"), words("規則檔案沒有提供範例。", "the rule file gives none.")))
        }
        let width = lines.map { Self.displayWidth($0.0) }.max() ?? 0
        let body = lines.map { label, value in
            label + String(repeating: " ", count: width - Self.displayWidth(label)) + "  " + value
        }
        return ([rule.id] + body.map { "  " + $0 }).joined(separator: "\n") + "\n"
    }

    static func text(of parameter: RuleParameter) -> String {
        switch parameter {
        case .text(let text): return text
        case .flag(let flag): return flag ? "true" : "false"
        case .list(let values): return values.joined(separator: ", ")
        }
    }

    /// Terminal columns of a label: CJK characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
    }
}
