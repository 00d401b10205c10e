import Foundation

/// A cell's number format, reduced to what decides the text a number is read as: a date, a
/// zero-padded code, a percentage, or Excel's General display.
struct XLSXNumberFormat: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case general
        /// Digits only, with at least `minimumDigits` before the decimal point and `decimals` after it.
        case fixed(minimumDigits: Int, decimals: Int)
        case percent(decimals: Int)
        case date
    }

    var kind: Kind

    static let general = XLSXNumberFormat(kind: .general)

    /// Classifies a format by its id and, for custom formats (id 164 and up), its code.
    /// Built-in ids per ECMA-376 Part 1, 18.8.30: 14–22 and 45–47 are dates and times; 27–36 and
    /// 50–58 are the dates of East Asian locales, which Excel on Traditional-Chinese Windows uses.
    init(id: Int, code: String?) {
        switch id {
        case 14...22, 27...36, 45...47, 50...58: kind = .date
        case 1: kind = .fixed(minimumDigits: 1, decimals: 0)
        case 2: kind = .fixed(minimumDigits: 1, decimals: 2)
        case 3: kind = .fixed(minimumDigits: 1, decimals: 0)
        case 4: kind = .fixed(minimumDigits: 1, decimals: 2)
        case 9: kind = .percent(decimals: 0)
        case 10: kind = .percent(decimals: 2)
        default: kind = code.map(Self.classify) ?? .general
        }
    }

    init(kind: Kind) {
        self.kind = kind
    }

    /// Reads a custom format code: the first section decides. Quoted text, escaped characters and
    /// bracketed parts (`[$-404]`, `[Red]`) are removed before the letters are looked at.
    static func classify(_ code: String) -> Kind {
        let section = code.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var plain = ""
        var iterator = section.makeIterator()
        var inQuotes = false
        var inBracket = false
        while let character = iterator.next() {
            if inQuotes {
                if character == "\"" { inQuotes = false }
                continue
            }
            if inBracket {
                if character == "]" { inBracket = false }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "[": inBracket = true
            case "\\": _ = iterator.next()
            case "_", "*": _ = iterator.next()
            default: plain.append(character)
            }
        }
        let lower = plain.lowercased()
        if lower == "general" || lower.isEmpty || lower == "@" { return .general }
        if lower.contains("e+") || lower.contains("e-") { return .general }
        if lower.contains(where: { "ymdhseg".contains($0) }) { return .date }
        if lower.contains("%") {
            let decimals = lower.split(separator: ".").dropFirst().first.map { $0.filter { $0 == "0" }.count } ?? 0
            return .percent(decimals: decimals)
        }
        guard lower.allSatisfy({ "0#?,. ".contains($0) }) else { return .general }
        let parts = lower.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let minimumDigits = max(1, parts[0].filter { $0 == "0" }.count)
        let decimals = parts.count > 1 ? parts[1].filter { $0 == "0" || $0 == "#" || $0 == "?" }.count : 0
        return .fixed(minimumDigits: minimumDigits, decimals: decimals)
    }

    /// Returns the text for a number stored as `raw` (the `<v>` text of the cell).
    func text(forNumber raw: String, date1904: Bool) -> String {
        guard let value = Self.decimal(raw) else { return raw }
        switch kind {
        case .general:
            return Self.generalText(value)
        case .fixed(let minimumDigits, let decimals):
            var rounded = Decimal()
            var source = value
            NSDecimalRound(&rounded, &source, decimals, .plain)
            var text = Normalizer.format(rounded)
            let negative = text.hasPrefix("-")
            if negative { text.removeFirst() }
            let integerDigits = text.prefix { $0 != "." }.count
            if integerDigits < minimumDigits {
                text = String(repeating: "0", count: minimumDigits - integerDigits) + text
            }
            return (negative ? "-" : "") + text
        case .percent(let decimals):
            var rounded = Decimal()
            var source = value * 100
            NSDecimalRound(&rounded, &source, decimals, .plain)
            return Normalizer.format(rounded) + "%"
        case .date:
            return Self.date(fromSerial: value, date1904: date1904)?.text ?? Self.generalText(value)
        }
    }

    /// Formats a number as Excel's General format shows it in a column of standard width, closely
    /// enough for codes. Whole numbers of up to 11 digits show in full, and larger ones in
    /// scientific notation with 6 significant digits (`2.61201E+11`). Fractions keep 15
    /// significant digits, the precision Excel keeps.
    /// NOTE: Excel widens or narrows General output with the column width; the width is not read.
    static func generalText(_ value: Decimal) -> String {
        let magnitude = value < 0 ? -value : value
        let isWhole = value == roundedToPlaces(value, 0)
        if isWhole && magnitude < 100_000_000_000 {
            return Normalizer.format(value)
        }
        if isWhole {
            return scientific(value, significantDigits: 6)
        }
        return Normalizer.format(roundedToSignificantDigits(value, 15))
    }

    /// `2.61201E+11`: a mantissa without trailing zeros and an exponent of at least two digits.
    static func scientific(_ value: Decimal, significantDigits: Int) -> String {
        let negative = value < 0
        let digits = Normalizer.format(negative ? -value : value).filter { $0 != "." }
        let integerDigits = Normalizer.format(negative ? -value : value).prefix { $0 != "." }.count
        let exponent = integerDigits - 1
        var mantissa = Decimal(string: String(digits.prefix(1)) + "." + String(digits.dropFirst()), locale: Locale(identifier: "en_US_POSIX")) ?? 0
        mantissa = roundedToPlaces(mantissa, significantDigits - 1)
        var exponentText = String(exponent)
        if mantissa >= 10 {
            mantissa = mantissa / 10
            exponentText = String(exponent + 1)
        }
        if exponentText.count < 2 { exponentText = "0" + exponentText }
        return (negative ? "-" : "") + Normalizer.format(mantissa) + "E+" + exponentText
    }

    static func roundedToPlaces(_ value: Decimal, _ places: Int) -> Decimal {
        var rounded = Decimal()
        var source = value
        NSDecimalRound(&rounded, &source, places, .plain)
        return rounded
    }

    static func roundedToSignificantDigits(_ value: Decimal, _ digits: Int) -> Decimal {
        let magnitude = value < 0 ? -value : value
        guard magnitude > 0 else { return value }
        let integerDigits = Normalizer.format(roundedToPlaces(magnitude, 0)).count
        let places = magnitude >= 1 ? digits - integerDigits : digits + leadingFractionZeros(magnitude)
        return roundedToPlaces(value, max(0, places))
    }

    private static func leadingFractionZeros(_ value: Decimal) -> Int {
        let text = Normalizer.format(value)
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: point)...].prefix { $0 == "0" }.count
    }

    /// Parses the `<v>` text of a numeric cell: a plain or exponent decimal (`3046100`, `2.61201E+11`).
    static func decimal(_ raw: String) -> Decimal? {
        let trimmed = raw.trimmingWhitespace()
        guard !trimmed.isEmpty,
              trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) })
        else { return nil }
        return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Converts a serial date to ISO text (`2027-01-15`, `2027-01-15 18:00`, or `18:00` for a time alone),
    /// with its month and day. Serials count days from 1899-12-31 in the 1900 system, where Excel
    /// keeps Lotus 1-2-3's nonexistent 1900-02-29 as day 60, and from 1904-01-01 in the 1904 system.
    static func date(fromSerial serial: Decimal, date1904: Bool) -> (text: String, month: Int, day: Int)? {
        let seconds = NSDecimalNumber(decimal: roundedToPlaces(serial * 86_400, 0)).intValue
        guard seconds >= 0, serial < 2_958_466 else { return nil }
        var days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        let base: Int
        if date1904 {
            base = LocalDateTime.daysFromCivil(year: 1904, month: 1, day: 1)
        } else {
            base = LocalDateTime.daysFromCivil(year: 1899, month: 12, day: 31)
            if days >= 60 { days -= 1 }
        }
        let (year, month, day) = civil(fromDays: base + days)
        let time = String(format: "%02d:%02d", secondOfDay / 3600, secondOfDay % 3600 / 60)
            + (secondOfDay % 60 == 0 ? "" : String(format: ":%02d", secondOfDay % 60))
        if serial < 1 && secondOfDay > 0 {
            return (time, month, day)
        }
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        return (secondOfDay == 0 ? date : date + " " + time, month, day)
    }

    /// Year, month and day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
