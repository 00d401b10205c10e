// MARK: - excel_damage

/// A value that a spreadsheet program mangled in the way `params.damage` names
/// (`scientific_notation`, `date`, `decimal_separator`, `stored_as_number`), with the repaired
/// value as `expected` where one can be known. The fields are `fields`, or those of `params.types`.
struct ExcelDamageCheck: Check {
    static let name = "excel_damage"
    static let placeholders = ["repair"]
    static let requiredParameters = ["damage"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let wanted = rule.parameter("damage") else { return }
        let catalog = context.library.catalog
        var hits: [(String, NormalizedValue, ExcelDamage)] = []
        context.forEachValue(of: context.fields(of: rule)) { field, value, line in
            guard let damage = value.damage, damage.name == wanted, context.applies(rule, line: line) else { return }
            hits.append((field, value, damage))
        }
        for (field, value, damage) in hits {
            let expected = Self.expected(for: damage, value: value, type: catalog[field]?.type)
            context.report(
                rule, field: field, location: value.source.location, value: value.source.raw, expected: expected,
                localized: ["repair": Self.repair(expected)])
        }
    }

    /// Returns the repaired value: the whole number a workbook still stores, the CN heading a date came
    /// from (`3-04` is March 4th, so 0304), the European reading of a number, or the code as text.
    static func expected(for damage: ExcelDamage, value: NormalizedValue, type: FieldType?) -> String? {
        switch damage {
        case .scientificNotation(let digits):
            return digits
        case .date(let month, let day):
            guard type == .cnCode, let month, let day else { return nil }
            return String(format: "%02d%02d", month, day)
        case .decimalSeparator(let expected):
            return expected
        case .storedAsNumber:
            return TextNormalization.halfWidth(value.source.raw).trimmingWhitespace()
        }
    }

    /// Returns the sentence that gives the repaired value, or the advice to enter it again.
    static func repair(_ expected: String?) -> LocalizedText {
        guard let expected else {
            return LocalizedText(
                zhTW: "請從原始文件重新輸入正確的值。",
                en: "Enter the correct value again from the original document.")
        }
        return LocalizedText(zhTW: "原本的值應是 \(expected)。", en: "The value was probably \(expected).")
    }
}
