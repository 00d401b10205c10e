/// ISO 6346 freight container numbers: owner code (3 letters), category (U, J or Z), a 6-digit
/// serial and a check digit.
public enum ISO6346 {
    /// True for 3 letters, a category letter U, J or Z, and 7 digits.
    public static func isWellFormed(_ number: String) -> Bool {
        let characters = Array(number)
        guard characters.count == 11 else { return false }
        return characters[0..<3].allSatisfy { $0.isASCII && $0.isUppercase }
            && ["U", "J", "Z"].contains(characters[3])
            && characters[4...].allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The check digit of the first ten characters: letters take the values 10 to 38 skipping
    /// multiples of 11, each position is weighted by 2^index, and the sum is taken mod 11 then mod 10.
    public static func checkDigit(_ number: String) -> Int? {
        let characters = Array(number.prefix(10))
        guard characters.count == 10 else { return nil }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = value(of: character) else { return nil }
            sum += value << index
        }
        return sum % 11 % 10
    }

    static func value(of character: Character) -> Int? {
        if let digit = character.wholeNumberValue, character.isASCII { return digit }
        guard let ascii = character.asciiValue, (65...90).contains(ascii) else { return nil }
        var value = 10
        var letter: UInt8 = 65
        while letter < ascii {
            value += 1
            if value % 11 == 0 { value += 1 }
            letter += 1
        }
        return value
    }
}

// MARK: - iso6346_format

struct ContainerFormatCheck: Check {
    static let name = "iso6346_format"

    func run(_ rule: Rule, _ context: inout CheckContext) {
        var hits: [(String, NormalizedValue)] = []
        context.forEachValue(of: rule.fields) { field, value, _ in
            if !ISO6346.isWellFormed(value.text) { hits.append((field, value)) }
        }
        for (field, value) in hits {
            context.report(rule, field: field, location: value.source.location, value: value.source.raw)
        }
    }
}

// MARK: - iso6346_check_digit

struct ContainerCheckDigitCheck: Check {
    static let name = "iso6346_check_digit"
    static let placeholders = ["corrected"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        var hits: [(String, NormalizedValue, Int)] = []
        context.forEachValue(of: rule.fields) { field, value, _ in
            guard ISO6346.isWellFormed(value.text), let digit = ISO6346.checkDigit(value.text) else { return }
            if value.text.last?.wholeNumberValue != digit { hits.append((field, value, digit)) }
        }
        for (field, value, digit) in hits {
            context.report(
                rule, field: field, location: value.source.location, value: value.source.raw, expected: String(digit),
                details: ["corrected": String(value.text.prefix(10)) + String(digit)])
        }
    }
}

/// IMO ship identification numbers: `IMO` and seven digits, the last a check digit.
public enum IMONumber {
    public static func isWellFormed(_ number: String) -> Bool {
        number.hasPrefix("IMO") && number.count == 10 && number.dropFirst(3).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The first six digits weighted 7 down to 2, summed, mod 10.
    public static func checkDigit(_ number: String) -> Int? {
        let digits = number.dropFirst(3).compactMap(\.wholeNumberValue)
        guard digits.count == 7 else { return nil }
        return zip(digits.prefix(6), [7, 6, 5, 4, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 } % 10
    }
}

// MARK: - imo_format

struct IMOFormatCheck: Check {
    static let name = "imo_format"

    func run(_ rule: Rule, _ context: inout CheckContext) {
        var hits: [(String, NormalizedValue)] = []
        context.forEachValue(of: rule.fields) { field, value, _ in
            if !IMONumber.isWellFormed(value.text) { hits.append((field, value)) }
        }
        for (field, value) in hits {
            context.report(rule, field: field, location: value.source.location, value: value.source.raw)
        }
    }
}

// MARK: - imo_check_digit

struct IMOCheckDigitCheck: Check {
    static let name = "imo_check_digit"

    func run(_ rule: Rule, _ context: inout CheckContext) {
        var hits: [(String, NormalizedValue, Int)] = []
        context.forEachValue(of: rule.fields) { field, value, _ in
            guard IMONumber.isWellFormed(value.text), let digit = IMONumber.checkDigit(value.text) else { return }
            if value.text.last?.wholeNumberValue != digit { hits.append((field, value, digit)) }
        }
        for (field, value, digit) in hits {
            context.report(rule, field: field, location: value.source.location, value: value.source.raw, expected: String(digit))
        }
    }
}
