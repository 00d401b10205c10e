import Foundation

/// A parameter value in a rule file: text, a number kept as its decimal text, a flag or a list.
public enum RuleParameter: Sendable, Equatable {
    case text(String)
    case list([String])
    case flag(Bool)

    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    public var list: [String]? {
        switch self {
        case .list(let values): return values
        case .text(let value): return [value]
        case .flag: return nil
        }
    }
}

/// Limits a rule to consignments of some models or with some field values.
public struct RuleCondition: Sendable, Equatable {
    /// The rule applies only when the certificate model is one of these.
    public var models: [String]?
    /// The rule applies only when `field` (normalised) is one of `equals`.
    public var field: String?
    public var equals: [String]?
    /// The rule applies only when `field` has a value.
    public var present: Bool?
}

/// A passing and a failing value of a rule, shown by `tracesprep rules explain` and `rules list`.
public struct RuleExample: Sendable, Equatable {
    /// A value as written in a file (empty for a blank cell), or a described situation.
    public enum Sample: Sendable, Equatable {
        case value(String)
        case situation(LocalizedText)
    }

    public var pass: Sample
    public var fail: Sample
}

/// One rule as declared in a rule file: what it checks, how it reports and in which words.
/// A compiled regular expression shared by every check of a run. NSRegularExpression is
/// immutable once made and safe to use from several threads.
final class CompiledPattern: @unchecked Sendable {
    let expression: NSRegularExpression

    init?(wholeValue pattern: String) {
        guard let expression = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else { return nil }
        self.expression = expression
    }
}

public struct Rule: Sendable {
    public var id: String
    /// The name of the check in the engine that runs this rule (`required`, `iso6346_check_digit` …).
    public var check: String
    public var kind: FindingKind
    public var severity: Severity
    public var fields: [String]
    /// A box to report instead of each field's box in the pack layout.
    public var box: String?
    public var condition: RuleCondition?
    public var parameters: [String: RuleParameter]
    public var message: LocalizedText
    public var hint: LocalizedText
    public var example: RuleExample?
    /// File and JSON path the rule was read from, for error messages.
    public var origin: String
    /// The fields a rule without `fields` covers through its `types` parameter, resolved against
    /// the field catalogue when the library is loaded so that checks need not search it per consignment.
    var fieldsOfTypes: [String]? = nil
    /// The `pattern` parameter compiled as a whole-value expression, when the library is loaded.
    var compiledPattern: CompiledPattern? = nil

    public func parameter(_ name: String) -> String? { parameters[name]?.text }
    public func listParameter(_ name: String) -> [String] { parameters[name]?.list ?? [] }
}

extension Rule {
    static func load(_ node: JSONNode) throws -> Rule {
        let id = try node.required("id").string()
        let kindNode = try node.required("kind")
        guard let kind = FindingKind(rawValue: try kindNode.string()) else {
            let names = FindingKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw kindNode.fail("未知的發現種類；可用：\(names)。", "unknown finding kind; use one of: \(names).")
        }
        let severityNode = try node.required("severity")
        guard let severity = Severity(rawValue: try severityNode.string()) else {
            throw severityNode.fail("未知的嚴重度；可用：error、warning、info。", "unknown severity; use error, warning or info.")
        }
        var parameters: [String: RuleParameter] = [:]
        if let params = try node.optional("params") {
            for (key, value) in try params.members() {
                switch value.value {
                case .string(let text): parameters[key] = .text(text)
                case .bool(let flag): parameters[key] = .flag(flag)
                case .number(let text): parameters[key] = .text(JSONNode.numberDescription(text))
                case .array: parameters[key] = .list(try value.strings())
                case .null, .object:
                    throw value.fail("參數應為字串、數字、布林值或字串陣列。", "a parameter must be a string, number, boolean or array of strings.")
                }
            }
        }
        var condition: RuleCondition?
        if let when = try node.optional("when") {
            condition = RuleCondition(
                models: try when.optional("models")?.strings(),
                field: try when.optional("field")?.string(),
                equals: try when.optional("equals")?.strings(),
                present: try when.optional("present")?.bool())
        }
        return Rule(
            id: id,
            check: try node.required("check").string(),
            kind: kind,
            severity: severity,
            fields: try node.optional("fields")?.strings() ?? [],
            box: try node.optional("box")?.string(),
            condition: condition,
            parameters: parameters,
            message: try node.required("message").localized(),
            hint: try node.required("hint").localized(),
            example: try node.optional("example").map(loadExample),
            origin: "\(node.file) \(node.path)")
    }

    /// Reads `{"pass": …, "fail": …}`, each a string (a value) or a `{"zh-TW", "en"}` situation.
    static func loadExample(_ node: JSONNode) throws -> RuleExample {
        func sample(_ key: String) throws -> RuleExample.Sample {
            let member = try node.required(key)
            if let text = member.stringValue { return .value(text) }
            guard case .object = member.value else {
                throw member.fail(
                    "應為字串（範例值）或 {\"zh-TW\", \"en\"} 物件（情境說明）。",
                    "expected a string (a value) or a {\"zh-TW\", \"en\"} object (a situation).")
            }
            return .situation(try member.localized())
        }
        return RuleExample(pass: try sample("pass"), fail: try sample("fail"))
    }
}
