// MARK: - required

/// Each listed field must have a value: once for a consignment-level field, in every entry or
/// line for the others.
struct RequiredCheck: Check {
    static let name = "required"

    func run(_ rule: Rule, _ context: inout CheckContext) {
        for field in rule.fields {
            guard let level = context.library.catalog.level(of: field) else { continue }
            let groups = context.consignment.groups(at: level)
            for (index, group) in groups.enumerated() {
                let line = level == .line ? index : nil
                guard !group.has(field), context.applies(rule, line: line) else { continue }
                context.report(rule, field: field, location: context.location(of: field, in: group))
            }
        }
    }
}

// MARK: - required_with

/// In each entry where `params.trigger` has a value, the listed fields must have one too
/// (a document type needs a document number).
struct RequiredWithCheck: Check {
    static let name = "required_with"
    static let requiredParameters = ["trigger"]
    static let placeholders = ["trigger_label"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let trigger = rule.parameter("trigger"), let level = context.library.catalog.level(of: trigger) else { return }
        let triggerLabel = context.library.catalog[trigger]?.label ?? LocalizedText(zhTW: trigger, en: trigger)
        for (index, group) in context.consignment.groups(at: level).enumerated() where group.has(trigger) {
            guard context.applies(rule, line: level == .line ? index : nil) else { continue }
            for field in rule.fields where !group.has(field) {
                context.report(
                    rule, field: field, location: context.location(of: field, in: group),
                    localized: ["trigger_label": triggerLabel])
            }
        }
    }
}

// MARK: - required_group

/// The consignment must have at least one entry with the listed field (a container number when
/// the `when` condition holds, such as transport by vessel).
struct RequiredGroupCheck: Check {
    static let name = "required_group"

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard context.applies(rule) else { return }
        for field in rule.fields {
            guard let level = context.library.catalog.level(of: field) else { continue }
            if context.consignment.groups(at: level).contains(where: { $0.has(field) }) { continue }
            context.report(rule, field: field, location: context.location(of: field, in: context.consignment.header))
        }
    }
}
