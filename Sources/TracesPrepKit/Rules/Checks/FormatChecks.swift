import Foundation

/// Visits every value of the listed fields (all levels), with the line index for line fields.
extension CheckContext {
    func forEachValue(of fields: [String], _ body: (_ field: String, _ value: NormalizedValue, _ line: Int?) -> Void) {
        for field in fields {
            guard let level = library.catalog.level(of: field) else { continue }
            for (index, group) in consignment.groups(at: level).enumerated() {
                if let value = group[field] { body(field, value, level == .line ? index : nil) }
            }
        }
    }

    /// Lists the fields a rule covers: its `fields`, or every field whose type is in `params.types`.
    func fields(of rule: Rule) -> [String] {
        if !rule.fields.isEmpty { return rule.fields }
        if let fields = rule.fieldsOfTypes { return fields }
        let types = Set(rule.listParameter("types"))
        return library.catalog.fields.filter { types.contains($0.type.rawValue) }.map(\.id)
    }
}

// MARK: - format

/// A value that its field type could not parse (a date, a number, a weight).
struct FormatCheck: Check {
    static let name = "format"
    static let placeholders = ["detail"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        var problems: [(String, NormalizedValue)] = []
        context.forEachValue(of: context.fields(of: rule)) { field, value, line in
            // A value with Excel damage gets the excel_damage finding instead, which names the cause.
            if value.problem != nil && value.damage == nil && context.applies(rule, line: line) { problems.append((field, value)) }
        }
        for (field, value) in problems {
            context.report(
                rule, field: field, location: value.source.location, value: value.source.raw,
                expected: value.problem?.expected, localized: ["detail": value.problem!.detail])
        }
    }
}

// MARK: - positive

/// A number that must be greater than zero (package counts, weights).
struct PositiveCheck: Check {
    static let name = "positive"

    func run(_ rule: Rule, _ context: inout CheckContext) {
        var hits: [(String, NormalizedValue)] = []
        context.forEachValue(of: context.fields(of: rule)) { field, value, line in
            if let number = value.decimal, number <= 0, context.applies(rule, line: line) { hits.append((field, value)) }
        }
        for (field, value) in hits {
            context.report(rule, field: field, location: value.source.location, value: value.source.raw)
        }
    }
}

// MARK: - pattern

/// A value that must match `params.pattern` (a regular expression over the whole normalised value).
/// `params.example`, a value of the right form, fills `{example}`.
struct PatternCheck: Check {
    static let name = "pattern"
    static let requiredParameters = ["pattern"]
    static let placeholders = ["pattern", "example"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let pattern = rule.parameter("pattern"),
              let expression = (rule.compiledPattern ?? CompiledPattern(wholeValue: pattern))?.expression
        else { return }
        let uppercase = rule.parameters["uppercase"] == .flag(true)
        var hits: [(String, NormalizedValue)] = []
        context.forEachValue(of: rule.fields) { field, value, line in
            guard context.applies(rule, line: line) else { return }
            let text = uppercase ? value.text.uppercased() : value.text
            let range = NSRange(text.startIndex..., in: text)
            if expression.firstMatch(in: text, range: range) == nil { hits.append((field, value)) }
        }
        for (field, value) in hits {
            context.report(
                rule, field: field, location: value.source.location, value: value.source.raw,
                details: ["pattern": pattern, "example": rule.parameter("example") ?? ""])
        }
    }
}

// MARK: - range

/// A number that must lie within `params.min` and `params.max`, both inclusive (a percentage).
struct RangeCheck: Check {
    static let name = "range"
    static let placeholders = ["min", "max"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        let minimum = rule.parameter("min").flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
        let maximum = rule.parameter("max").flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
        var hits: [(String, NormalizedValue)] = []
        context.forEachValue(of: context.fields(of: rule)) { field, value, line in
            guard let number = value.decimal, context.applies(rule, line: line) else { return }
            if let minimum, number < minimum { hits.append((field, value)) } else if let maximum, number > maximum { hits.append((field, value)) }
        }
        for (field, value) in hits {
            context.report(
                rule, field: field, location: value.source.location, value: value.source.raw,
                details: ["min": rule.parameter("min") ?? "", "max": rule.parameter("max") ?? ""])
        }
    }
}

// MARK: - max_length

/// A value longer than `params.max` characters (after trimming), such as a name pasted with a
/// whole page of text.
struct MaxLengthCheck: Check {
    static let name = "max_length"
    static let placeholders = ["max", "length"]
    static let requiredParameters = ["max"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let maximum = rule.parameter("max").flatMap(Int.init) else { return }
        var hits: [(String, NormalizedValue, Int)] = []
        context.forEachValue(of: context.fields(of: rule)) { field, value, line in
            // A value with no more bytes than the limit has no more characters either.
            guard value.text.utf8.count > maximum else { return }
            let length = value.text.count
            if length > maximum, context.applies(rule, line: line) { hits.append((field, value, length)) }
        }
        for (field, value, length) in hits {
            // The raw value is cut in the finding, so a report never repeats a whole pasted page.
            context.report(
                rule, field: field, location: value.source.location, value: String(value.source.raw.prefix(80)) + "…",
                details: ["max": String(maximum), "length": String(length)])
        }
    }
}
