/// A date with an optional time of day and a UTC offset, as certificates state them.
public struct LocalDateTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Nil when only a date was given.
    public var hour: Int?
    public var minute: Int?
    public var second: Int?
    /// Minutes east of UTC; Asia/Taipei (+08:00, no daylight saving since 1979) unless the value gave one.
    public var offsetMinutes: Int

    public static let taipeiOffsetMinutes = 8 * 60

    public var hasTime: Bool { hour != nil }

    /// Seconds since 1970-01-01T00:00Z; a date without a time counts from local midnight.
    public var epochSeconds: Int {
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let local = days * 86_400 + (hour ?? 0) * 3600 + (minute ?? 0) * 60 + (second ?? 0)
        return local - offsetMinutes * 60
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO 8601 text: `2026-12-10T18:00:00+08:00`, or `2026-12-10` for a date alone.
    public var iso8601: String {
        let date = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        guard let hour else { return date }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let offset = abs(offsetMinutes)
        return date + "T\(Self.pad(hour, 2)):\(Self.pad(minute ?? 0, 2)):\(Self.pad(second ?? 0, 2))"
            + "\(sign)\(Self.pad(offset / 60, 2)):\(Self.pad(offset % 60, 2))"
    }

    static func pad(_ number: Int, _ width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// Parses the date forms exporters write: ISO 8601, `YYYY/MM/DD HH:MM`, ROC years
/// (`113/05/20 14:30`, `民國113年5月20日`) and an optional UTC offset.
public enum DateParser {
    public struct Result: Sendable {
        public var value: LocalDateTime
        /// True when the year was given in the ROC (民國) calendar.
        public var fromROC: Bool
    }

    public static func parse(_ text: String) -> Result? {
        var rest = Substring(TextNormalization.halfWidth(text).trimmingWhitespace())
        var roc = false
        if rest.hasPrefix("民國") {
            roc = true
            rest = rest.dropFirst(2)
        }
        // Compact dates without separators: `1151210` is ROC 115-12-10 and `20261210` is 2026-12-10.
        let leadingDigits = rest.prefix { $0.isASCII && $0.isNumber }
        if [7, 8].contains(leadingDigits.count), rest.dropFirst(leadingDigits.count).first.map({ $0 == " " || $0 == "T" }) ?? true {
            let yearLength = leadingDigits.count - 4
            let digits = Array(leadingDigits)
            let separated = String(digits[0..<yearLength]) + "/" + String(digits[yearLength..<(yearLength + 2)]) + "/"
                + String(digits[(yearLength + 2)...])
            rest = Substring(separated + rest.dropFirst(leadingDigits.count))
        }
        guard let year = takeNumber(&rest, maxDigits: 4) else { return nil }
        let yearDigits = year.digits
        guard let separator = rest.first, ["-", "/", ".", "年"].contains(separator) else { return nil }
        rest = rest.dropFirst()
        guard let month = takeNumber(&rest, maxDigits: 2)?.value else { return nil }
        if separator == "年" {
            guard rest.first == "月" else { return nil }
        } else if rest.first != separator {
            return nil
        }
        rest = rest.dropFirst()
        guard let day = takeNumber(&rest, maxDigits: 2)?.value else { return nil }
        if separator == "年" {
            guard rest.first == "日" else { return nil }
            rest = rest.dropFirst()
        }
        var fullYear = year.value
        if roc || yearDigits <= 3 {
            roc = true
            fullYear += 1911
        }
        guard (1...12).contains(month), (1...LocalDateTime.daysInMonth(year: fullYear, month: month)).contains(day) else {
            return nil
        }
        var value = LocalDateTime(
            year: fullYear, month: month, day: day, hour: nil, minute: nil, second: nil,
            offsetMinutes: LocalDateTime.taipeiOffsetMinutes)
        rest = rest.drop { $0 == " " || $0 == "T" }
        if rest.isEmpty { return Result(value: value, fromROC: roc) }

        guard let hour = takeNumber(&rest, maxDigits: 2)?.value, rest.first == ":" else { return nil }
        rest = rest.dropFirst()
        guard let minute = takeNumber(&rest, maxDigits: 2)?.value else { return nil }
        var second = 0
        if rest.first == ":" {
            rest = rest.dropFirst()
            guard let parsed = takeNumber(&rest, maxDigits: 2)?.value else { return nil }
            second = parsed
            if rest.first == "." {
                rest = rest.dropFirst()
                _ = takeNumber(&rest, maxDigits: 9)
            }
        }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        value.hour = hour
        value.minute = minute
        value.second = second
        rest = rest.drop { $0 == " " }
        if rest.isEmpty { return Result(value: value, fromROC: roc) }
        if rest == "Z" || rest == "z" {
            value.offsetMinutes = 0
            return Result(value: value, fromROC: roc)
        }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        rest = rest.dropFirst()
        guard let offsetHours = takeNumber(&rest, maxDigits: 2)?.value else { return nil }
        if rest.first == ":" { rest = rest.dropFirst() }
        let offsetMinutes = takeNumber(&rest, maxDigits: 2)?.value ?? 0
        guard rest.isEmpty, offsetHours <= 14, offsetMinutes < 60 else { return nil }
        value.offsetMinutes = (sign == "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes)
        return Result(value: value, fromROC: roc)
    }

    private static func takeNumber(_ text: inout Substring, maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while let character = text.first, let digit = character.wholeNumberValue, character.isASCII, digits < maxDigits {
            value = value * 10 + digit
            digits += 1
            text = text.dropFirst()
        }
        return digits == 0 ? nil : (value, digits)
    }
}
