import Foundation

extension RuleAudit {
    /// Keys a rule object may have. `note` and `example` are documentation; any other key is
    /// reported as a warning, because a misspelt optional key (`wehn`) would otherwise be ignored.
    static let ruleKeys: Set<String> = [
        "id", "check", "kind", "severity", "fields", "box", "when", "params", "message", "hint", "note", "example",
    ]
    static let conditionKeys: Set<String> = ["models", "field", "equals", "present"]
    /// Parameters that name a field id.
    static let fieldParameters = ["trigger", "earlier", "later"]

    // MARK: - One rule

    /// Audits one rule object; every key is checked on its own, so one rule can report several faults.
    mutating func auditRule(_ node: JSONNode, in context: inout PackContext) {
        guard let keys = attempt({ try node.keys() }) else { return }
        for key in keys.sorted() where !Self.ruleKeys.contains(key) {
            record(SiteSettings.unknownKey(key, at: "\(node.path).\(key)", file: node.file, known: Self.ruleKeys), as: .warning)
        }
        guard let id = attempt({ try node.required("id").string() }) else { return }
        let origin = "\(node.file) \(node.path)"
        if let first = context.ruleOrigins[id] {
            error(
                node.file, node.path + ".id",
                zhTW: "規則代碼「\(id)」重複，已在 \(first) 定義。", en: "duplicate rule id '\(id)', already defined at \(first).")
        } else {
            context.ruleOrigins[id] = origin
        }
        let check = attempt { try node.required("check").string() }
        auditKindAndSeverity(node)
        auditFields(node, ruleID: id)
        if let box = try? node.optional("box") { _ = attempt { try box.string() } }
        auditCondition(node, ruleID: id, context: context)
        let parameters = auditParameters(node, ruleID: id, check: check, context: &context)
        auditTemplates(node, ruleID: id, check: check, event: parameters["event"])
        if let example = try? node.optional("example") {
            _ = attempt { try Rule.loadExample(example) }
        }
    }

    private mutating func auditKindAndSeverity(_ node: JSONNode) {
        if let kindNode = attempt({ try node.required("kind") }), let kind = attempt({ try kindNode.string() }),
           FindingKind(rawValue: kind) == nil {
            let names = FindingKind.allCases.map(\.rawValue).joined(separator: ", ")
            error(
                node.file, kindNode.path,
                zhTW: "未知的發現種類「\(kind)」；可用：\(names)。", en: "unknown finding kind '\(kind)'; use one of: \(names).")
        }
        if let severityNode = attempt({ try node.required("severity") }), let severity = attempt({ try severityNode.string() }),
           Severity(rawValue: severity) == nil {
            error(
                node.file, severityNode.path,
                zhTW: "未知的嚴重度「\(severity)」；可用：error、warning、info。",
                en: "unknown severity '\(severity)'; use error, warning or info.")
        }
    }

    private mutating func auditFields(_ node: JSONNode, ruleID: String) {
        guard let fields = attempt({ try node.optional("fields")?.array() }) ?? nil else { return }
        for fieldNode in fields {
            if let field = attempt({ try fieldNode.string() }) {
                requireField(field, at: fieldNode, ruleID: ruleID)
            }
        }
    }

    private mutating func requireField(_ field: String, at node: JSONNode, ruleID: String) {
        guard let catalog, catalog[field] == nil else { return }
        error(
            node.file, node.path,
            zhTW: "規則「\(ruleID)」使用未知的欄位「\(field)」。", en: "rule '\(ruleID)' names the unknown field '\(field)'.")
    }

    // MARK: - when

    private mutating func auditCondition(_ node: JSONNode, ruleID: String, context: PackContext) {
        guard let when = attempt({ try node.optional("when") }) ?? nil, let keys = attempt({ try when.keys() }) else { return }
        for key in keys.sorted() where !Self.conditionKeys.contains(key) {
            record(SiteSettings.unknownKey(key, at: "\(when.path).\(key)", file: when.file, known: Self.conditionKeys), as: .warning)
        }
        if let models = attempt({ try when.optional("models")?.array() }) ?? nil {
            for modelNode in models {
                guard let model = attempt({ try modelNode.string() }), !context.modelIDs.contains(model) else { continue }
                let known = context.modelIDs.joined(separator: ", ")
                error(
                    modelNode.file, modelNode.path,
                    zhTW: "規則「\(ruleID)」使用規則包「\(context.name)」沒有的證書格式「\(model)」（可用：\(known)）。",
                    en: "rule '\(ruleID)' names the certificate model '\(model)', which the pack '\(context.name)' does not have (it has \(known)).")
            }
        }
        if let fieldNode = attempt({ try when.optional("field") }) ?? nil, let field = attempt({ try fieldNode.string() }) {
            requireField(field, at: fieldNode, ruleID: ruleID)
        }
        _ = attempt { try when.optional("equals")?.strings() }
        _ = attempt { try when.optional("present")?.bool() }
    }

    // MARK: - params

    /// Audits `params` against the rule's check and returns the parameters given as text.
    private mutating func auditParameters(
        _ node: JSONNode, ruleID: String, check: String?, context: inout PackContext
    ) -> [String: String] {
        var texts: [String: String] = [:]
        let paramsNode = attempt { try node.optional("params") } ?? nil
        var members: [(key: String, node: JSONNode)] = []
        if let paramsNode, let read = attempt({ try paramsNode.members() }) {
            members = read
        }
        for (key, value) in members {
            switch value.value {
            case .string(let text): texts[key] = text
            case .number(let text): texts[key] = JSONNode.numberDescription(text)
            // NSNumber.stringValue gave "1" and "0" for JSON booleans, and only params.event is read from here.
            case .bool(let flag): texts[key] = flag ? "1" : "0"
            case .array: _ = attempt { try value.strings() }
            case .null, .object:
                error(
                    value.file, value.path,
                    zhTW: "參數應為字串、數字、布林值或字串陣列。", en: "a parameter must be a string, number, boolean or array of strings.")
            }
            auditParameter(key, value, ruleID: ruleID)
        }
        let paramsPath = paramsNode?.path ?? node.path + ".params"
        guard let check else { return texts }
        if check == CheckRegistry.eventCheckName {
            guard let event = texts["event"] else {
                error(
                    node.file, paramsPath + ".event",
                    zhTW: "event 規則必須以 params.event 指定事件名稱。", en: "an event rule needs params.event naming the event.")
                return texts
            }
            if EventName.all.contains(event) {
                context.coveredEvents.insert(event)
            } else {
                error(
                    node.file, paramsPath + ".event",
                    zhTW: "未知的事件「\(event)」；可用：\(EventName.all.joined(separator: ", "))。",
                    en: "unknown event '\(event)'; known events: \(EventName.all.joined(separator: ", ")).")
            }
        } else if let checkType = CheckRegistry.byName[check] {
            let supplied = siteSuppliedParameters(ruleID)
            let present = Set(paramsNode.flatMap { try? $0.keys() } ?? [])
            for name in type(of: checkType).requiredParameters where !present.contains(name) && !supplied.contains(name) {
                error(
                    node.file, paramsPath,
                    zhTW: "規則「\(ruleID)」的檢查「\(check)」需要參數 params.\(name)。",
                    en: "rule '\(ruleID)': the check '\(check)' needs the parameter params.\(name).")
            }
        } else {
            let names = CheckRegistry.byName.keys.sorted().joined(separator: ", ")
            error(
                node.file, node.path + ".check",
                zhTW: "規則「\(ruleID)」使用未知的檢查「\(check)」；可用：\(names)。",
                en: "rule '\(ruleID)' uses the unknown check '\(check)'; known checks: \(names).")
        }
        return texts
    }

    /// Parameters of a rule that the site settings fill in, so the rule file may leave them out.
    private func siteSuppliedParameters(_ ruleID: String) -> Set<String> {
        switch ruleID {
        case SiteSettings.attachmentCapRule where site.attachmentCapBytes != nil: return ["max_bytes"]
        // Without a site pattern the rule is left out of the pack, so it never runs without one.
        case SiteSettings.referencePatternRule: return ["pattern", "example"]
        default: return []
        }
    }

    private mutating func auditParameter(_ key: String, _ value: JSONNode, ruleID: String) {
        switch key {
        case "list":
            if let list = value.stringValue, codeLists[list] == nil {
                error(
                    value.file, value.path,
                    zhTW: "規則「\(ruleID)」使用不存在的代碼表「\(list)」。",
                    en: "rule '\(ruleID)' uses the code list '\(list)', which does not exist.")
            }
        case "pattern":
            if let pattern = value.stringValue, (try? NSRegularExpression(pattern: pattern)) == nil {
                error(
                    value.file, value.path,
                    zhTW: "規則「\(ruleID)」的樣式「\(pattern)」無法編譯。",
                    en: "rule '\(ruleID)' has a pattern that does not compile: \(pattern)")
            }
        case "types":
            for typeNode in (try? value.array()) ?? [] {
                if let type = typeNode.stringValue, FieldType(rawValue: type) == nil {
                    let names = FieldType.allCases.map(\.rawValue).joined(separator: ", ")
                    error(
                        typeNode.file, typeNode.path,
                        zhTW: "規則「\(ruleID)」使用未知的欄位型態「\(type)」；可用：\(names)。",
                        en: "rule '\(ruleID)' names the unknown field type '\(type)'; known types: \(names).")
                }
            }
        case _ where Self.fieldParameters.contains(key):
            if let field = value.stringValue { requireField(field, at: value, ruleID: ruleID) }
        default:
            break
        }
    }

    // MARK: - message and hint

    /// Checks that both languages are present and not blank. Every `{placeholder}` must be one that the
    /// check or event fills, because an unfilled one is printed as written, braces included.
    private mutating func auditTemplates(_ node: JSONNode, ruleID: String, check: String?, event: String?) {
        var supplied = Set(CheckRegistry.commonPlaceholders)
        var knowsPlaceholders = true
        if check == CheckRegistry.eventCheckName {
            supplied.formUnion(event.flatMap { EventName.placeholders[$0] } ?? [])
            knowsPlaceholders = event.map(EventName.all.contains) ?? false
        } else if let check, let checkType = CheckRegistry.byName[check] {
            supplied.formUnion(type(of: checkType).placeholders)
        } else {
            knowsPlaceholders = false
        }
        for key in ["message", "hint"] {
            guard let template = attempt({ try node.required(key) }), attempt({ try template.object() }) != nil else { continue }
            for language in Language.allCases {
                guard let textNode = attempt({ try template.required(language.rawValue) }),
                      let text = attempt({ try textNode.string() })
                else { continue }
                if text.trimmingWhitespace().isEmpty {
                    error(
                        textNode.file, textNode.path,
                        zhTW: "\(key) 的 \(language.rawValue) 文字不可空白。", en: "the \(language.rawValue) text of \(key) must not be empty.")
                }
                guard knowsPlaceholders else { continue }
                for name in LocalizedText.placeholders(in: text) where !supplied.contains(name) {
                    let names = supplied.sorted().map { "{\($0)}" }.joined(separator: ", ")
                    error(
                        textNode.file, textNode.path,
                        zhTW: "規則「\(ruleID)」使用 {\(name)}，但此檢查不提供這個替換值，訊息會原樣顯示大括號。可用：\(names)。",
                        en: "rule '\(ruleID)' uses {\(name)}, which its check does not fill, so it would be printed as written. Filled: \(names).")
                }
            }
        }
    }
}
