import Foundation

// MARK: - date_order

/// `params.later` must not be before `params.earlier` (arrival not before departure). A later
/// value without a time is compared by calendar date in its own offset.
struct DateOrderCheck: Check {
    static let name = "date_order"
    static let requiredParameters = ["earlier", "later"]
    static let placeholders = ["earlier_value", "earlier_label"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let earlierField = rule.parameter("earlier"), let laterField = rule.parameter("later"),
              let earlier = context.consignment.header[earlierField], let later = context.consignment.header[laterField],
              let start = earlier.dateTime, let end = later.dateTime
        else { return }
        let isBefore: Bool
        if end.hasTime {
            isBefore = end.epochSeconds < start.epochSeconds
        } else {
            // Local calendar days in the offset of the later value.
            let startDay = Self.floorDiv(start.epochSeconds + end.offsetMinutes * 60, 86_400)
            let endDay = Self.floorDiv(end.epochSeconds + end.offsetMinutes * 60, 86_400)
            isBefore = endDay < startDay
        }
        guard isBefore else { return }
        let label = context.library.catalog[earlierField]?.label ?? LocalizedText(zhTW: earlierField, en: earlierField)
        context.report(
            rule, field: laterField, location: later.source.location, value: later.source.raw,
            details: ["earlier_value": earlier.source.raw], localized: ["earlier_label": label])
    }

    static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}

// MARK: - gross_not_below_net

/// The total gross weight may not be below the total net weight of the lines.
struct GrossNotBelowNetCheck: Check {
    static let name = "gross_not_below_net"
    static let placeholders = ["net", "gross"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let gross = context.consignment.header["total_gross_weight"], let grossKg = gross.decimal,
              let netKg = context.totals.netWeight ?? context.consignment.header["total_net_weight"]?.decimal
        else { return }
        guard grossKg < netKg else { return }
        context.report(
            rule, field: "total_gross_weight", location: gross.source.location, value: gross.source.raw,
            details: ["net": Normalizer.format(netKg), "gross": Normalizer.format(grossKg)])
    }
}

// MARK: - declared_total

/// A total the file declares (`fields[0]`) must equal the sum TracesPrep computes from the lines.
struct DeclaredTotalCheck: Check {
    static let name = "declared_total"
    static let placeholders = ["computed"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        for field in rule.fields {
            guard let declared = context.consignment.header[field], let declaredValue = declared.decimal else { continue }
            let computed: Decimal?
            switch field {
            case "total_packages": computed = context.totals.packages.map { Decimal($0) }
            case "total_net_weight": computed = context.totals.netWeight
            default: computed = nil
            }
            guard let computed, computed != declaredValue else { continue }
            let text = Normalizer.format(computed)
            context.report(
                rule, field: field, location: declared.source.location, value: declared.source.raw, expected: text,
                details: ["computed": text])
        }
    }
}
