import Foundation

/// A way a spreadsheet program mangles a value, found before the value's own checks run so that
/// the exporter reads one finding that names the cause. A code that only lost its leading zero
/// is not here: the `cn_code_excel_damage` check reports it with the padded code.
public enum ExcelDamage: Sendable, Equatable {
    /// An identifier shown as `2.61201E+11`. `digits` is the whole number where the workbook
    /// still stores it (up to 15 significant digits, Excel's precision).
    case scientificNotation(digits: String?)
    /// A code or quantity that became a date (`3-04`, `4-Mar`, a date cell); month and day where known.
    case date(month: Int?, day: Int?)
    /// A number whose `,` or `.` cannot be read with `.` as the decimal mark; `expected` where
    /// the European reading (`6.000,50`) is the only one.
    case decimalSeparator(expected: String?)
    /// A workbook cell that stores a code as a number, which saving as CSV or sorting can damage.
    case storedAsNumber

    /// The name rule files use in `params.damage`.
    public var name: String {
        switch self {
        case .scientificNotation: return "scientific_notation"
        case .date: return "date"
        case .decimalSeparator: return "decimal_separator"
        case .storedAsNumber: return "stored_as_number"
        }
    }

    public static let names = ["scientific_notation", "date", "decimal_separator", "stored_as_number"]
}

/// Finds Excel damage in a raw value, by the field's type: identifiers (CN codes and text
/// fields such as batch numbers) and quantities (integers, decimals, weights, percentages).
enum ExcelDamageDetector {
    static func detect(_ value: FieldValue, type: FieldType) -> ExcelDamage? {
        let text = TextNormalization.halfWidth(value.raw).trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        switch type {
        case .cnCode, .text:
            if isScientific(text) {
                return .scientificNotation(digits: value.cell?.storedNumber.flatMap(exactDigits))
            }
            if let cell = value.cell, cell.isDate {
                return .date(month: cell.month, day: cell.day)
            }
            // A batch number may be a production date as typed; only Excel's own renderings count there.
            if let parts = dateParts(text, numericForms: type == .cnCode) {
                return .date(month: parts.month, day: parts.day)
            }
            if value.cell?.storedNumber != nil {
                let compact = text.filter { $0 != "." && $0 != " " && $0 != "-" }
                if type == .cnCode && CNCode.repairedLeadingZero(compact) != nil { return nil }
                return .storedAsNumber
            }
            return nil
        case .integer, .decimal, .weight, .percentage, .duration:
            if let cell = value.cell, cell.isDate {
                return .date(month: cell.month, day: cell.day)
            }
            if let parts = dateParts(text, numericForms: true) {
                return .date(month: parts.month, day: parts.day)
            }
            let numberBytes = text.utf8.prefix { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
            let number = String(decoding: numberBytes, as: UTF8.self)
            return separatorProblem(number)
        default:
            return nil
        }
    }

    /// `2.61201E+11`, `1E+12`, or `2,61201E+11` from a locale with a decimal comma.
    static func isScientific(_ text: String) -> Bool {
        // -?[0-9]+([.,][0-9]+)?[Ee]\+?[0-9]{1,3}, read byte by byte: this runs on every text value.
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0, index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            index += 1
            guard digits() > 0, index < bytes.count else { return false }
        }
        guard bytes[index] == UInt8(ascii: "E") || bytes[index] == UInt8(ascii: "e") else { return false }
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") { index += 1 }
        let exponentDigits = digits()
        return (1...3).contains(exponentDigits) && index == bytes.count
    }

    /// Returns the whole number a workbook stores, as digits, when Excel kept all of them: an
    /// integer of at most 15 digits. Excel keeps 15 significant digits, so in a longer number the digits
    /// after the 15th were replaced by zeros when it was typed.
    static func exactDigits(_ stored: String) -> String? {
        guard let value = XLSXNumberFormat.decimal(stored), value >= 0,
              value == XLSXNumberFormat.roundedToPlaces(value, 0)
        else { return nil }
        let digits = Normalizer.format(value)
        return digits.count <= 15 ? digits : nil
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Returns the month and day of a value that has the form of a date as Excel shows one. With
    /// `numericForms`, all-digit forms count too (`3-04`, `3/4`, `2026/3/4`); without, only
    /// forms no one types for a code (`4-Mar`, `Mar-04`, `3月4日`).
    static func dateParts(_ text: String, numericForms: Bool) -> (month: Int?, day: Int?)? {
        // Every date form is short, starts with a digit or letter and has a separator; most
        // values fail one of these and skip the expressions.
        guard text.utf8.count <= 24, let first = text.utf8.first, Self.isASCIIAlphanumeric(first),
              text.contains(where: { $0 == "-" || $0 == "/" || $0 == "月" }),
              text.unicodeScalars.allSatisfy(Self.mayAppearInDate),
              Self.mayStartDate(text)
        else { return nil }
        let lower = text.lowercased()
        if let match = captures(lower, #"^([0-9]{1,2})-([a-z]{3})[a-z]*(-[0-9]{2,4})?$"#),
           let month = monthNames.firstIndex(of: match[1])
        {
            return (month + 1, Int(match[0]))
        }
        if let match = captures(lower, #"^([a-z]{3})[a-z]*-([0-9]{1,4})$"#), let month = monthNames.firstIndex(of: match[0]) {
            let number = Int(match[1]) ?? 0
            return (month + 1, (1...31).contains(number) ? number : nil)
        }
        if let match = captures(text, #"^([0-9]{1,2})月([0-9]{1,2})日$"#) {
            return (Int(match[0]), Int(match[1]))
        }
        guard numericForms else { return nil }
        if let match = captures(text, #"^([0-9]{1,2})[-/]([0-9]{1,2})$"#),
           let month = Int(match[0]), let day = Int(match[1]), (1...12).contains(month), (1...31).contains(day)
        {
            return (month, day)
        }
        if let match = captures(text, #"^([0-9]{1,2})/([0-9]{1,2})/[0-9]{2,4}$"#) {
            return (Int(match[0]), Int(match[1]))
        }
        if let match = captures(text, #"^[0-9]{4}[-/]([0-9]{1,2})[-/]([0-9]{1,2})([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?$"#) {
            return (Int(match[0]), Int(match[1]))
        }
        return nil
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// True when the text opens as a date form does: with a month name (`Mar-04`) or with one to
    /// four digits (`4-Mar`, `3/4`, `2026/3/4`). References such as `KH-2026-001` do not.
    private static func mayStartDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(5))
        if isASCIIAlphanumeric(bytes[0]) && bytes[0] > 0x39 {
            guard bytes.count >= 3 else { return false }
            let prefix = String(decoding: bytes[0..<3], as: UTF8.self).lowercased()
            return monthNames.contains(prefix)
        }
        return bytes.prefix { (0x30...0x39).contains($0) }.count <= 4
    }

    /// Characters of the date forms that `dateParts` reads.
    private static func mayAppearInDate(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isASCIIAlphanumeric(UInt8(scalar.value)) || "-/: ".unicodeScalars.contains(scalar) }
        return scalar == "月" || scalar == "日"
    }

    /// Returns the separator problem in the number part of a value, if any: a comma that does not group thousands
    /// (`6000,50`, ambiguous), dots and a comma the European way (`6.000,50`, read as 6000.5), or
    /// several dots (`1.234.567`, read as 1234567). Nil for `6,000`, `6,000.5` and `6000.5`.
    static func separatorProblem(_ number: String) -> ExcelDamage? {
        let hasComma = number.contains(",")
        let dots = number.filter { $0 == "." }.count
        if !hasComma && dots < 2 { return nil }
        if hasComma {
            if number.range(of: #"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$"#, options: .regularExpression) != nil { return nil }
            if number.range(of: #"^[0-9]{1,3}(\.[0-9]{3})+,[0-9]+$"#, options: .regularExpression) != nil {
                let plain = number.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
                return .decimalSeparator(expected: Normalizer.parseDecimal(plain).map(Normalizer.format))
            }
            return .decimalSeparator(expected: nil)
        }
        if dots > 1, number.range(of: #"^[0-9]{1,3}(\.[0-9]{3})+$"#, options: .regularExpression) != nil {
            return .decimalSeparator(expected: number.replacingOccurrences(of: ".", with: ""))
        }
        return nil
    }

    /// Returns the capture groups of the first match of `pattern` in `text`, or nil.
    private static func captures(_ text: String, _ pattern: String) -> [String]? {
        guard let expression = expression(pattern),
              let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        return (1..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }

    /// The compiled expressions, by pattern, so each is compiled once per process.
    private static let expressions: [String: NSRegularExpression] = {
        let patterns = [
            #"^([0-9]{1,2})-([a-z]{3})[a-z]*(-[0-9]{2,4})?$"#, #"^([a-z]{3})[a-z]*-([0-9]{1,4})$"#,
            #"^([0-9]{1,2})月([0-9]{1,2})日$"#, #"^([0-9]{1,2})[-/]([0-9]{1,2})$"#, #"^([0-9]{1,2})/([0-9]{1,2})/[0-9]{2,4}$"#,
            #"^[0-9]{4}[-/]([0-9]{1,2})[-/]([0-9]{1,2})([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?$"#,
        ]
        var compiled: [String: NSRegularExpression] = [:]
        for pattern in patterns {
            compiled[pattern] = try? NSRegularExpression(pattern: pattern)
        }
        return compiled
    }()

    private static func expression(_ pattern: String) -> NSRegularExpression? {
        expressions[pattern] ?? (try? NSRegularExpression(pattern: pattern))
    }
}
