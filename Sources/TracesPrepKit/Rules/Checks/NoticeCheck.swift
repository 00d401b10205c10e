// MARK: - notice

/// A reminder for every consignment that meets the rule's `when` condition, reported once at the
/// rule's first field. The COMPOSITE model of eu-2020-2235 uses it to point out that a private
/// attestation may replace the certificate. A rule without `when` reports nothing, so a
/// forgotten condition cannot flag every consignment.
struct NoticeCheck: Check {
    static let name = "notice"
    static let placeholders = ["models"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard rule.condition != nil, let field = rule.fields.first, context.applies(rule) else { return }
        context.report(
            rule, field: field, location: context.location(of: field, in: context.consignment.header),
            details: ["models": context.effectiveModels(line: nil).joined(separator: ", ")])
    }
}
