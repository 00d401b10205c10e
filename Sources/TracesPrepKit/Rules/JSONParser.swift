/// A strict RFC 8259 JSON parser over UTF-8 bytes that produces `JSONValue`.
///
/// It rejects what RFC 8259 does not allow: trailing commas, comments, unescaped control characters
/// in strings, invalid escapes, unpaired surrogates in `\u` escapes, leading zeros, text after the
/// value and invalid UTF-8. It also rejects:
/// - a key that appears twice in one object, because the second one silently replacing the first
///   would hide a mistake in a rule file;
/// - arrays and objects nested more than `maxDepth` levels deep;
/// - a number beyond the range of `Double` (such as `1e400`), which `JSONSerialization` rejected too;
/// - a file that starts with a UTF-16 or UTF-32 byte-order mark.
///
/// A UTF-8 byte-order mark at the start is skipped, as `JSONSerialization` skipped it.
/// Numbers are kept as their text, so no digits are lost before a caller converts them.
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted. `JSONSerialization` of Swift 6.3 on Linux
    /// rejected 513 levels as well.
    static let maxDepth = 512

    /// A syntax error: what is wrong and the byte offset where it was found.
    struct Failure: Error, Equatable {
        var problem: Problem
        /// Offset of the offending byte from the start of the file; the file's length for an early end.
        var offset: Int
        /// The character or byte found at `offset`, for the problems whose message names it; nil for the others.
        var found: Found?
    }

    /// The character, invalid byte or end of file found where the parser expected something else.
    enum Found: Equatable {
        case character(Unicode.Scalar)
        /// A byte that does not start or continue a UTF-8 sequence here.
        case invalidByte(UInt8)
        case endOfFile
    }

    enum Problem: Equatable {
        case expectedValue
        case expectedArraySeparator
        case expectedObjectSeparator
        case expectedKey
        case expectedColon
        case trailingComma(closing: Character)
        case comment
        case controlCharacter(UInt8)
        case invalidEscape(String)
        case unpairedSurrogate(String)
        case unterminatedString
        case leadingZero
        case expectedDigit
        case numberOutOfRange
        case invalidLiteral(String)
        case trailingContent
        case tooDeep
        case invalidUTF8(UInt8)
        case notUTF8
        case duplicateKey(String)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []
    /// Elements and members of the arrays and objects being read. Each container collects its
    /// items on top of these stacks and then moves them into an array of the exact size, which
    /// takes one allocation instead of one for each time a growing array doubles.
    private var elementStack = ItemStack<JSONValue>(filler: .null)
    private var memberStack = ItemStack<(String, JSONValue)>(filler: ("", .null))

    /// The member of the root object whose array elements go to `receiveElement` instead of into the tree.
    private let streamedKey: String?
    private let receiveElement: (Int, JSONValue) -> Void

    private init(bytes: UnsafeBufferPointer<UInt8>, streamedKey: String?, receiveElement: @escaping (Int, JSONValue) -> Void) {
        self.bytes = bytes
        self.streamedKey = streamedKey
        self.receiveElement = receiveElement
    }

    /// Parses a whole JSON text: one value, optionally surrounded by white space.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        try parse(bytes, streamingElementsOf: nil) { _, _ in }
    }

    /// Parses a whole JSON text like `parse(_:)`, but streams one array of a root object. When the
    /// text is an object whose member `key` is an array, each element of that array is passed to
    /// `receiveElement` with its index as soon as it is read. The tree gets an empty array in its
    /// place, so a large list never exists as a whole tree. Elements are passed before any syntax
    /// error later in the text is found, so the caller must drop them when this throws.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, streamingElementsOf key: String?,
        to receiveElement: (Int, JSONValue) -> Void
    ) throws(Failure) -> JSONValue {
        // `withoutActuallyEscaping` does not pass a typed error through, so the failure is carried out.
        let result = withoutActuallyEscaping(receiveElement) { receiveElement in
            Result { () throws(Failure) -> JSONValue in
                var parser = JSONParser(bytes: bytes, streamedKey: key, receiveElement: receiveElement)
                try parser.skipByteOrderMark()
                parser.skipWhitespace()
                let value = try parser.parseValue()
                parser.skipWhitespace()
                if parser.position < bytes.count {
                    throw parser.failure(.trailingContent, at: parser.position)
                }
                return value
            }
        }
        return try result.get()
    }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
        // `withUnsafeBufferPointer` does not pass a typed error through, so the failure is carried out.
        let result: Result<JSONValue, Failure> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(Failure) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    // MARK: - Values

    private mutating func parseValue() throws(Failure) -> JSONValue {
        guard position < bytes.count else { throw failure(.expectedValue, at: position) }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        default: throw failure(.expectedValue, at: position)
        }
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        let start = position
        let length = word.utf8CodeUnitCount
        guard bytes.count - start >= length else { throw failure(.invalidLiteral("\(word)"), at: start) }
        let letters = UnsafeBufferPointer(start: word.utf8Start, count: length)
        for index in 0..<length where bytes[start + index] != letters[index] {
            throw failure(.invalidLiteral("\(word)"), at: start)
        }
        position += length
        return value
    }

    private mutating func enterContainer() throws(Failure) {
        depth += 1
        if depth > Self.maxDepth { throw failure(.tooDeep, at: position) }
    }

    /// Reads an array. A streamed array passes each element to `receiveElement` and returns an empty array.
    private mutating func parseArray(streamed: Bool = false) throws(Failure) -> JSONValue {
        try enterContainer()
        position += 1  // [
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array([])
        }
        let base = elementStack.count
        var index = 0
        while true {
            let item = try parseValue()
            if streamed {
                receiveElement(index, item)
                index += 1
            } else {
                elementStack.push(item)
            }
            skipWhitespace()
            guard position < bytes.count else { throw failure(.expectedArraySeparator, at: position) }
            switch bytes[position] {
            case UInt8(ascii: ","):
                let comma = position
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    throw failure(.trailingComma(closing: "]"), at: comma)
                }
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .array(elementStack.pop(from: base))
            default:
                throw failure(.expectedArraySeparator, at: position)
            }
        }
    }

    private mutating func parseObject() throws(Failure) -> JSONValue {
        try enterContainer()
        position += 1  // {
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object([])
        }
        let base = memberStack.count
        // Large objects check for duplicate keys with a set; small ones compare with each key.
        var seenKeys: Set<String>?
        while true {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw failure(.expectedKey, at: position)
            }
            let keyOffset = position
            let key = try parseString()
            if seenKeys == nil, memberStack.count - base >= 16 {
                seenKeys = Set(memberStack.items(from: base).map(\.0))
            }
            let isDuplicate: Bool
            if seenKeys != nil {
                isDuplicate = !seenKeys!.insert(key).inserted
            } else {
                isDuplicate = memberStack.items(from: base).contains { $0.0 == key }
            }
            if isDuplicate { throw failure(.duplicateKey(key), at: keyOffset) }

            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw failure(.expectedColon, at: position)
            }
            position += 1
            skipWhitespace()
            let value: JSONValue
            if depth == 1, key == streamedKey, position < bytes.count, bytes[position] == UInt8(ascii: "[") {
                value = try parseArray(streamed: true)
            } else {
                value = try parseValue()
            }
            memberStack.push((key, value))
            skipWhitespace()
            guard position < bytes.count else { throw failure(.expectedObjectSeparator, at: position) }
            switch bytes[position] {
            case UInt8(ascii: ","):
                let comma = position
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    throw failure(.trailingComma(closing: "}"), at: comma)
                }
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .object(memberStack.pop(from: base))
            default:
                throw failure(.expectedObjectSeparator, at: position)
            }
        }
    }

    // MARK: - Numbers

    /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and returns its text.
    private mutating func parseNumber() throws(Failure) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }

        guard position < bytes.count, isDigit(bytes[position]) else { throw failure(.expectedDigit, at: position) }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw failure(.leadingZero, at: position - 1) }
        } else {
            skipDigits()
        }

        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure(.expectedDigit, at: position) }
            skipDigits()
        }

        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure(.expectedDigit, at: position) }
            skipDigits()
        }

        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        // An integer needs 309 digits to pass Double's maximum of about 1.8e308, so only longer
        // integers and numbers with a fraction or an exponent are converted to check their range.
        if !isInteger || position - start > 300, !(Double(text)?.isFinite ?? false) {
            throw failure(.numberOutOfRange, at: start)
        }
        return text
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    // MARK: - Strings

    /// Reads a string starting at its opening quote. A string without escapes is made straight
    /// from the file's bytes; one with escapes is assembled in `scratch`.
    private mutating func parseString() throws(Failure) -> String {
        let quote = position
        position += 1
        let start = position
        while true {
            guard position < bytes.count else { throw failure(.unterminatedString, at: quote) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                return try parseEscapedString(quote: quote)
            }
            try checkStringByte(byte)
        }
    }

    /// Continues a string at its first backslash, collecting the decoded bytes in `scratch`.
    private mutating func parseEscapedString(quote: Int) throws(Failure) -> String {
        while true {
            guard position < bytes.count else { throw failure(.unterminatedString, at: quote) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try appendEscape()
                continue
            }
            let start = position
            try checkStringByte(byte)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        }
    }

    /// Moves past one unescaped character of a string: rejects control characters and invalid UTF-8.
    private mutating func checkStringByte(_ byte: UInt8) throws(Failure) {
        if byte < 0x20 { throw failure(.controlCharacter(byte), at: position) }
        if byte < 0x80 {
            position += 1
        } else {
            position += try utf8SequenceLength(at: position)
        }
    }

    /// Decodes the escape at `position` into `scratch`, pairing `\uD83D\uDC1F` into one character.
    private mutating func appendEscape() throws(Failure) {
        let backslash = position
        guard position + 1 < bytes.count else { throw failure(.unterminatedString, at: backslash) }
        let letter = bytes[position + 1]
        let simple: UInt8?
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = letter
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            if letter < 0x20 { throw failure(.controlCharacter(letter), at: position + 1) }
            throw failure(.invalidEscape(escapeText(at: backslash, length: 2)), at: backslash)
        }
        if let simple {
            scratch.append(simple)
            position += 2
            return
        }

        let first = try hexEscape(at: backslash)
        position += 6
        var scalarValue = UInt32(first)
        switch first {
        case 0xD800...0xDBFF:
            // A high surrogate must be followed at once by a `\u` escape of a low surrogate.
            let nextIsUnicodeEscape = position + 1 < bytes.count
                && bytes[position] == UInt8(ascii: "\\") && bytes[position + 1] == UInt8(ascii: "u")
            guard nextIsUnicodeEscape else {
                throw failure(.unpairedSurrogate(escapeText(at: backslash, length: 6)), at: backslash)
            }
            let second = try hexEscape(at: position)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw failure(.unpairedSurrogate(escapeText(at: backslash, length: 6)), at: backslash)
            }
            position += 6
            scalarValue = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
        case 0xDC00...0xDFFF:
            throw failure(.unpairedSurrogate(escapeText(at: backslash, length: 6)), at: backslash)
        default:
            break
        }
        // Surrogates were handled above, so the value is a valid scalar.
        let scalar = Unicode.Scalar(scalarValue)!
        scratch.append(contentsOf: scalar.utf8)
    }

    /// Reads the four hex digits of a `\uXXXX` escape that starts at `backslash`.
    private func hexEscape(at backslash: Int) throws(Failure) -> UInt16 {
        var value: UInt16 = 0
        for offset in 2..<6 {
            guard backslash + offset < bytes.count else {
                throw failure(.invalidEscape(escapeText(at: backslash, length: offset)), at: backslash)
            }
            let byte = bytes[backslash + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(.invalidEscape(escapeText(at: backslash, length: offset + 1)), at: backslash)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Copies the text of an escape for a message, such as `\x` or `\u12G`. A byte that is not printable ASCII ends it.
    private func escapeText(at backslash: Int, length: Int) -> String {
        var end = backslash + 1
        while end < min(backslash + length, bytes.count), (0x21...0x7E).contains(bytes[end]) { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[backslash..<end]), as: UTF8.self)
    }

    // MARK: - Encoding

    /// Returns the length of the well-formed UTF-8 sequence at `offset`, whose first byte is 0x80 or
    /// above, or throws when the sequence is invalid. The byte ranges are those of well-formed UTF-8
    /// in the Unicode Standard, which rule out overlong forms, surrogates and values above U+10FFFF.
    private func utf8SequenceLength(at offset: Int) throws(Failure) -> Int {
        let lead = bytes[offset]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw failure(.invalidUTF8(lead), at: offset)
        }
        for index in 1..<length {
            let range = index == 1 ? secondRange : 0x80...0xBF
            guard offset + index < bytes.count, range.contains(bytes[offset + index]) else {
                // The lead byte starts a sequence that the next bytes do not complete.
                throw failure(.invalidUTF8(lead), at: offset)
            }
        }
        return length
    }

    private mutating func skipByteOrderMark() throws(Failure) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
            return
        }
        let startsWithUTF16Mark = bytes.count >= 2 && ((bytes[0], bytes[1]) == (0xFE, 0xFF) || (bytes[0], bytes[1]) == (0xFF, 0xFE))
        let startsWithUTF32Mark = bytes.count >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF
        if startsWithUTF16Mark || startsWithUTF32Mark { throw failure(.notUTF8, at: 0) }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    // MARK: - Errors

    /// Builds the failure for `problem` at `offset`. A `/` starting `//` or `/*` where a value or
    /// separator was expected becomes the clearer `comment` problem.
    private func failure(_ problem: Problem, at offset: Int) -> Failure {
        switch problem {
        case .expectedValue, .expectedArraySeparator, .expectedObjectSeparator, .expectedKey, .expectedColon,
             .expectedDigit, .trailingContent:
            let startsComment = offset + 1 < bytes.count && bytes[offset] == UInt8(ascii: "/")
                && (bytes[offset + 1] == UInt8(ascii: "/") || bytes[offset + 1] == UInt8(ascii: "*"))
            if startsComment { return Failure(problem: .comment, offset: offset, found: nil) }
            return Failure(problem: problem, offset: offset, found: found(at: offset))
        default:
            return Failure(problem: problem, offset: offset, found: nil)
        }
    }

    private func found(at offset: Int) -> Found {
        guard offset < bytes.count else { return .endOfFile }
        let lead = bytes[offset]
        if lead < 0x80 { return .character(Unicode.Scalar(lead)) }
        guard let length = try? utf8SequenceLength(at: offset) else { return .invalidByte(lead) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        return .character(text.unicodeScalars.first!)
    }

    /// Returns the 1-based line and column of a byte offset, for messages. Columns count Unicode
    /// code points. A line ends at LF, CR LF or a lone CR, and a leading UTF-8 byte-order mark is not counted.
    static func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 && byte != 0x0D {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}

/// A stack whose top items can be moved into a new array without retaining and releasing each one.
/// Slots above the top keep `filler`, a value that holds no reference, and are reused by `push`.
private struct ItemStack<Item> {
    private var storage: [Item] = []
    private(set) var count = 0
    private let filler: Item

    init(filler: Item) {
        self.filler = filler
    }

    mutating func push(_ item: Item) {
        if count < storage.count {
            storage[count] = item
        } else {
            storage.append(item)
        }
        count += 1
    }

    func items(from base: Int) -> ArraySlice<Item> {
        storage[base..<count]
    }

    /// Removes the items from `base` to the top and returns them in order.
    mutating func pop(from base: Int) -> [Item] {
        let length = count - base
        var items: [Item] = []
        // `reserveCapacity` and `append` are specialised for `Item`. Building the array with
        // `init(unsafeUninitializedCapacity:)` looked up the storage type's metadata at run time on
        // each call: 5 % of the instructions of `tracesprep validate` under callgrind.
        items.reserveCapacity(length)
        let filler = self.filler
        storage.withUnsafeMutableBufferPointer { source in
            guard let first = source.baseAddress?.advanced(by: base) else { return }
            // Move the items out, then fill their slots again so `storage` stays fully initialised.
            for offset in 0..<length {
                items.append((first + offset).move())
            }
            first.initialize(repeating: filler, count: length)
        }
        count = base
        return items
    }
}
