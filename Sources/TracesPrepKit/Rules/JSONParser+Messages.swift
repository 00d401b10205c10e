extension JSONParser.Failure {
    /// Writes the message of the invalid-JSON error: the place, what is wrong there and how to fix it.
    func message(line: Int, column: Int) -> LocalizedText {
        let reason = problem.reason
        let foundZH = found.map { "，" + $0.description(in: .zhTW) } ?? ""
        let foundEN = found.map { ", " + $0.description(in: .en) } ?? ""
        return LocalizedText(
            zhTW: "不是有效的 JSON：第 \(line) 行第 \(column) 欄，\(reason.zhTW)\(foundZH)。"
                + "請以 python3 -m json.tool 找出語法錯誤的位置，修正後重新載入規則。",
            en: "not valid JSON at line \(line), column \(column): \(reason.en)\(foundEN). "
                + "Find the syntax error with python3 -m json.tool, fix it and load the rules again.")
    }
}

extension JSONParser.Problem {
    var reason: LocalizedText {
        switch self {
        case .expectedValue:
            return LocalizedText(
                zhTW: "此處應為一個值（物件、陣列、以雙引號括住的字串、數字、true、false 或 null）",
                en: "expected a value (an object, an array, a string in double quotes, a number, true, false or null)")
        case .expectedArraySeparator:
            return LocalizedText(zhTW: "陣列元素之後應為「,」或「]」", en: "expected ',' or ']' after an array element")
        case .expectedObjectSeparator:
            return LocalizedText(zhTW: "物件成員之後應為「,」或「}」", en: "expected ',' or '}' after an object member")
        case .expectedKey:
            return LocalizedText(zhTW: "此處應為以雙引號括住的鍵", en: "expected a key in double quotes")
        case .expectedColon:
            return LocalizedText(zhTW: "鍵之後應為「:」", en: "expected ':' after the key")
        case .trailingComma(let closing):
            return LocalizedText(
                zhTW: "「\(closing)」之前不可有逗號，請刪除此逗號", en: "a comma must not come right before '\(closing)'; delete this comma")
        case .comment:
            return LocalizedText(zhTW: "JSON 不允許註解，請刪除此註解", en: "JSON does not allow comments; delete this comment")
        case .controlCharacter(let byte):
            let code = Self.codePoint(UInt32(byte))
            let escape = Self.escape(for: byte)
            return LocalizedText(
                zhTW: "字串中的控制字元 \(code) 必須寫成跳脫序列 \(escape)；字串少了結尾的雙引號時也會出現此錯誤",
                en: "the control character \(code) must be written as the escape \(escape) inside a string; "
                    + "a string that lacks its closing double quote also causes this")
        case .invalidEscape(let text):
            return LocalizedText(
                zhTW: "無效的跳脫序列「\(text)」；可用 \\\"、\\\\、\\/、\\b、\\f、\\n、\\r、\\t，或 \\u 加四位十六進位數字",
                en: "invalid escape sequence '\(text)'; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u with four hex digits")
        case .unpairedSurrogate(let text):
            return LocalizedText(
                zhTW: "「\(text)」是不成對的代理字元；\\uD800–\\uDBFF 之後必須緊接 \\uDC00–\\uDFFF，或直接寫出該字元",
                en: "'\(text)' is an unpaired surrogate; a \\uD800–\\uDBFF escape must be followed at once by a "
                    + "\\uDC00–\\uDFFF escape, or write the character itself")
        case .unterminatedString:
            return LocalizedText(zhTW: "從此處開始的字串沒有結尾的雙引號", en: "the string that starts here has no closing double quote")
        case .leadingZero:
            return LocalizedText(
                zhTW: "數字不可以 0 開頭後接其他數字；請刪除開頭的 0，若是代碼請加上雙引號寫成字串",
                en: "a number must not start with 0 followed by more digits; delete the leading zero, or quote the value if it is a code")
        case .expectedDigit:
            return LocalizedText(zhTW: "數字的此處應為 0–9 的數字", en: "expected a digit 0–9 in the number")
        case .numberOutOfRange:
            return LocalizedText(
                zhTW: "數字超出可表示的範圍（絕對值最大約為 1.8e308）", en: "the number is out of range (the largest magnitude is about 1.8e308)")
        case .invalidLiteral(let word):
            return LocalizedText(
                zhTW: "此處應為全小寫的 \(word)；文字請以雙引號括住", en: "expected \(word) in lower case; put text in double quotes")
        case .trailingContent:
            return LocalizedText(
                zhTW: "JSON 值結束後還有其他內容；一個檔案只能有一個值", en: "unexpected text after the JSON value; a file holds exactly one value")
        case .tooDeep:
            return LocalizedText(
                zhTW: "陣列與物件的巢狀層數超過 \(JSONParser.maxDepth) 層",
                en: "arrays and objects are nested more than \(JSONParser.maxDepth) levels deep")
        case .invalidUTF8(let byte):
            return LocalizedText(
                zhTW: "以位元組 0x\(Self.hex(byte)) 開頭的 UTF-8 序列無效；請將檔案存成 UTF-8 編碼",
                en: "invalid UTF-8 sequence starting with byte 0x\(Self.hex(byte)); save the file as UTF-8")
        case .notUTF8:
            return LocalizedText(
                zhTW: "檔案是 UTF-16 或 UTF-32 編碼；請存成 UTF-8", en: "the file is encoded in UTF-16 or UTF-32; save it as UTF-8")
        case .duplicateKey(let key):
            return LocalizedText(
                zhTW: "此物件中的鍵「\(key)」重複出現；請只保留一個", en: "the key '\(key)' appears more than once in this object; keep only one")
        }
    }

    /// Returns the escape to write for a control character: `\n` for LF, `\u001B` for ESC.
    static func escape(for byte: UInt8) -> String {
        switch byte {
        case 0x08: return "\\b"
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0C: return "\\f"
        case 0x0D: return "\\r"
        default: return "\\u00" + hex(byte)
        }
    }

    /// Formats a byte as two upper-case hex digits.
    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0" + digits : digits
    }

    /// Formats a code point as `U+XXXX`, with at least four hex digits.
    static func codePoint(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension JSONParser.Found {
    /// Writes the clause that names what was found: `found '}'`, `found '，' (U+FF0C)`, `but the file ends here`.
    func description(in language: Language) -> String {
        let zhTW = language == .zhTW
        switch self {
        case .endOfFile:
            return zhTW ? "但檔案在此結束" : "but the file ends here"
        case .invalidByte(let byte):
            let hex = JSONParser.Problem.hex(byte)
            return zhTW ? "但找到無效的位元組 0x\(hex)" : "found the invalid byte 0x\(hex)"
        case .character(let scalar):
            let code = JSONParser.Problem.codePoint(scalar.value)
            if (0x21...0x7E).contains(scalar.value) {
                return zhTW ? "但找到「\(scalar)」" : "found '\(scalar)'"
            }
            // White space, control and format characters are invisible, so only their code is shown.
            if scalar.value < 0x21 || scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .control
            {
                return zhTW ? "但找到 \(code)" : "found \(code)"
            }
            return zhTW ? "但找到「\(scalar)」（\(code)）" : "found '\(scalar)' (\(code))"
        }
    }
}
