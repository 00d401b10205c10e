import Foundation

/// Parses every value by its field type and records each rewrite as a `normalized` event.
public struct Normalizer: Sendable {
    public var catalog: FieldCatalog
    public var codeLists: [String: CodeList]
    /// Results already worked out in this file, by field, raw text and unit. Names, addresses,
    /// codes and species repeat on many rows, and each is parsed once.
    private var results: [ResultKey: Result] = [:]
    /// The number of results kept before the store is emptied, which bounds its memory.
    static let resultLimit = 50_000

    private struct ResultKey: Hashable {
        var field: String
        var raw: String
        var unit: String?
    }

    /// A normalised value without its source, and the event its rewrite raises, if any.
    private struct Result {
        var text: String
        var typed: TypedValue?
        var problem: ValueProblem?
        var damage: ExcelDamage?
        var event: String?
    }

    public init(catalog: FieldCatalog, codeLists: [String: CodeList]) {
        self.catalog = catalog
        self.codeLists = codeLists
    }

    public mutating func normalize(_ consignment: Consignment, events: inout [StageEvent]) -> NormalizedConsignment {
        func run(_ group: FieldValues) -> NormalizedValues {
            normalize(group, consignment: consignment.reference, events: &events)
        }
        return NormalizedConsignment(
            reference: consignment.reference,
            header: run(consignment.header),
            documents: consignment.documents.map(run),
            containers: consignment.containers.map(run),
            lines: consignment.lines.map(run))
    }

    mutating func normalize(_ group: FieldValues, consignment: String, events: inout [StageEvent]) -> NormalizedValues {
        var output = NormalizedValues(location: group.location)
        output.reserveCapacity(group.count)
        for (id, value) in group.pairs {
            guard let field = catalog[id] else { continue }
            let unit = field.type == .weight ? unitValue(for: id, in: group) : nil
            let result: Result
            // A workbook cell's stored number and format take part in the result, so it is not reused.
            let key = value.cell == nil ? ResultKey(field: id, raw: value.raw, unit: unit) : nil
            if let key, let known = results[key] {
                result = known
            } else {
                result = normalized(value, as: field, unit: unit)
                if let key {
                    if results.count >= Self.resultLimit { results.removeAll(keepingCapacity: true) }
                    results[key] = result
                }
            }
            if let event = result.event {
                events.append(StageEvent(
                    event, field: id, consignment: consignment, location: value.location,
                    value: value.raw, expected: result.text))
            }
            output.add(
                NormalizedValue(source: value, text: result.text, typed: result.typed, problem: result.problem, damage: result.damage),
                for: id)
        }
        return output
    }

    /// Normalises one value and decides which event, if any, reports the rewrite.
    private func normalized(_ value: FieldValue, as field: FieldDefinition, unit: String?) -> Result {
        var normalized = normalize(value, as: field, unit: unit)
        normalized.damage = ExcelDamageDetector.detect(value, type: field.type)
        var event: String?
        if normalized.problem == nil, normalized.damage == nil, normalized.text != value.raw,
           isWorthReporting(value.raw, normalized, field)
        {
            // A CCC code keeps only its HS-6 prefix, so the CN code itself still needs a person.
            event = field.type == .cnCode && Self.isCCCCode(value.raw) ? EventName.cccCodeReduced : EventName.normalized
        }
        if normalized.text.isEmpty { normalized.text = value.raw.trimmingWhitespace() }
        return Result(
            text: normalized.text, typed: normalized.typed, problem: normalized.problem, damage: normalized.damage, event: event)
    }

    /// Returns the unit column that goes with a weight field, if the file has one.
    private func unitValue(for id: String, in group: FieldValues) -> String? {
        group.text(id + "_unit")
    }

    /// Decides whether a rewrite is reported: not when it only changed case, trimmed nothing
    /// visible, or matched a code list by its code or English label.
    private func isWorthReporting(_ raw: String, _ normalized: NormalizedValue, _ field: FieldDefinition) -> Bool {
        // Full-width characters typed through a Chinese IME and white space around a value are
        // always worth a note, whatever the field.
        if field.type != .files && (TextNormalization.halfWidth(raw) != raw || raw != raw.trimmingWhitespace()) {
            return true
        }
        switch field.type {
        case .text where normalized.code != nil:
            return TextNormalization.key(raw) != TextNormalization.key(normalized.text)
        case .species:
            return TextNormalization.key(raw) != TextNormalization.key(normalized.text) || TextNormalization.halfWidth(raw) != raw
        case .text:
            return raw != raw.trimmingWhitespace() || TextNormalization.halfWidth(raw) != raw
        case .code, .yesNo:
            guard let code = normalized.code, let list = field.list ?? defaultList(field), let entry = codeLists[list]?.entry(code: code) else {
                return false
            }
            let key = TextNormalization.key(raw)
            return key != TextNormalization.key(entry.code) && key != TextNormalization.key(entry.label.en)
        case .integer, .decimal, .percentage, .duration:
            return raw.trimmingWhitespace() != normalized.text
        case .weight:
            return raw.trimmingWhitespace() != normalized.text
        case .datetime, .date:
            return normalized.problem == nil && (DateParser.parse(raw)?.fromROC ?? false)
        case .containerNumber, .imoNumber, .cnCode:
            return raw.trimmingWhitespace().uppercased() != normalized.text
        case .files:
            return false
        }
    }

    private func defaultList(_ field: FieldDefinition) -> String? {
        field.type == .yesNo ? "yes-no" : nil
    }

    func normalize(_ value: FieldValue, as field: FieldDefinition, unit: String?) -> NormalizedValue {
        let trimmed = TextNormalization.halfWidth(value.raw).trimmingWhitespace()
        var result = NormalizedValue(source: value, text: trimmed, typed: nil, problem: nil)
        switch field.type {
        case .text:
            // A text field with a list of known names (a BCP named "Rotterdam") takes the code.
            if let listName = field.list, let entry = codeLists[listName]?.entry(for: trimmed) {
                result.text = entry.code
                result.typed = .code(entry.code)
            } else {
                result.typed = .text(trimmed)
            }
        case .species:
            let collapsed = trimmed.split(whereSeparator: { $0 == " " }).joined(separator: " ")
            // A single word found in the list (the FAO 3-alpha code "TLN") is replaced by its
            // scientific name; names with a space are kept as written.
            var name = collapsed
            if !collapsed.contains(" "), let entry = codeLists["species"]?.entry(for: collapsed) {
                name = entry.code
            }
            result.text = name
            result.typed = .text(name)
        case .code, .yesNo:
            let listName = field.list ?? defaultList(field) ?? ""
            if let entry = codeLists[listName]?.entry(for: trimmed) {
                result.text = entry.code
                result.typed = .code(entry.code)
            }
        case .integer:
            let digits = Self.removingThousandsSeparators(trimmed)
            if let number = Int(digits), digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
                result.text = String(number)
                result.typed = .integer(number)
            } else {
                result.problem = ValueProblem(
                    detail: LocalizedText(zhTW: "應為整數，例如 600", en: "expected a whole number, such as 600"), expected: nil)
            }
        case .decimal, .percentage, .duration:
            // A workbook cell formatted as a percentage reads as `3%`.
            let numberText = field.type == .percentage && trimmed.hasSuffix("%") ? String(trimmed.dropLast()).trimmingWhitespace() : trimmed
            if let number = Self.parseDecimal(numberText) {
                result.text = Self.format(number)
                result.typed = .decimal(number)
            } else {
                result.problem = ValueProblem(
                    detail: LocalizedText(zhTW: "應為數字，小數點用「.」，例如 12.5", en: "expected a number with '.' as the decimal mark, such as 12.5"),
                    expected: nil)
            }
        case .weight:
            normalizeWeight(trimmed, unit: unit, into: &result)
        case .datetime, .date:
            if let parsed = DateParser.parse(trimmed) {
                result.text = parsed.value.iso8601
                result.typed = .dateTime(parsed.value)
            } else {
                result.problem = ValueProblem(
                    detail: LocalizedText(
                        zhTW: "應為日期，例如 2026-12-10 18:00、2026/12/10 18:00 或民國 115/12/10 18:00",
                        en: "expected a date such as 2026-12-10 18:00, 2026/12/10 18:00 or ROC 115/12/10 18:00"),
                    expected: nil)
            }
        case .containerNumber:
            let compact = String(trimmed.uppercased().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "\u{2010}" && $0 != "\u{2212}" })
            result.text = compact
            result.typed = .text(compact)
        case .imoNumber:
            var compact = trimmed.uppercased().replacingOccurrences(of: " ", with: "")
            if compact.allSatisfy({ $0.isASCII && $0.isNumber }) { compact = "IMO" + compact }
            result.text = compact
            result.typed = .text(compact)
        case .cnCode:
            var compact = String(trimmed.unicodeScalars.filter { $0 != " " && $0 != "." && $0 != "-" })
            // A Taiwanese CCC code (10 digits, or 11 with its check digit) shares only its HS-6
            // prefix with the EU's CN, so that prefix is what can be checked.
            if Self.isCCCCode(compact) {
                compact = String(compact.prefix(6))
            }
            result.text = compact
            result.typed = .text(compact)
        case .files:
            let names = trimmed.split(separator: ";").map { String($0).trimmingWhitespace() as String }.filter { !$0.isEmpty }
            result.text = names.joined(separator: ";")
            result.typed = .files(names)
        }
        return result
    }

    /// True for a Taiwanese CCC code: 10 digits, or 11 with its check digit, with or without dots,
    /// spaces and dashes (`0304.61.00.00-6`).
    static func isCCCCode(_ text: String) -> Bool {
        let compact = String(TextNormalization.halfWidth(text).unicodeScalars.filter { $0 != " " && $0 != "." && $0 != "-" })
        return [10, 11].contains(compact.count) && CNCode.isDigits(compact)
    }

    /// Reads `6000`, `6,000`, `12.5 t`, `500公斤` or a number with a separate unit column, into kg.
    private func normalizeWeight(_ text: String, unit: String?, into result: inout NormalizedValue) {
        let numberLength = text.utf8.prefix { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }.count
        let numberPart = String(text.utf8.prefix(numberLength))!
        let unitPart = numberLength == text.utf8.count ? "" : String(String(text.utf8.dropFirst(numberLength))!).trimmingWhitespace()
        let invalid = ValueProblem(
            detail: LocalizedText(
                zhTW: "應為重量數字，可加單位 kg、g 或 t（公斤、公克、公噸），例如 6000 或 12.5 t",
                en: "expected a weight: a number, optionally followed by kg, g or t, such as 6000 or 12.5 t"),
            expected: nil)
        guard let number = Self.parseDecimal(numberPart) else {
            result.problem = invalid
            return
        }
        var factor = Decimal(1)
        let unitText = unitPart.isEmpty ? unit : unitPart
        if let unitText, !unitText.isEmpty {
            guard let entry = codeLists["units"]?.entry(for: unitText),
                  let factorText = entry.attributes["kg_factor"], let parsed = Decimal(string: factorText)
            else {
                result.problem = invalid
                return
            }
            factor = parsed
        }
        let kilograms = factor == 1 ? number : number * factor
        result.text = Self.format(kilograms)
        result.typed = .decimal(kilograms)
    }

    /// Removes `,` thousands separators only where they group exactly three digits (`10,800`).
    static func removingThousandsSeparators(_ text: String) -> String {
        guard text.contains(",") else { return text }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
            return text
        }
        return groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Parses a plain decimal (`12`, `12.50`, `10,800.5`); rejects signs, exponents and other text.
    static func parseDecimal(_ text: String) -> Decimal? {
        let plain = removingThousandsSeparators(text)
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        guard !plain.isEmpty, parts.count <= 2,
              parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } })
        else { return nil }
        return exactDecimal(plain) ?? Decimal(string: plain, locale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")


    /// Builds the decimal of `digits[.digits]` from its integer significand, which is exact and
    /// avoids the locale-aware parser. Returns nil for numbers of more than 18 digits.
    private static func exactDecimal(_ plain: String) -> Decimal? {
        var significand: UInt64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var seenPoint = false
        for byte in plain.utf8 {
            if byte == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            digitCount += 1
            guard digitCount <= 18 else { return nil }
            significand = significand * 10 + UInt64(byte - 0x30)
            if seenPoint { fractionDigits += 1 }
        }
        return Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(significand))
    }

    /// Writes a decimal without exponent or trailing zeros after the point.
    public static func format(_ value: Decimal) -> String {
        // Decimal's own description writes plain digits with '.', as NSDecimalNumber's does with
        // the POSIX locale, without building an NSDecimalNumber.
        var text = value.description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
