/// A JSON value that keeps object keys in the order they were given, for stable, readable reports.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (left: JSONValue, right: JSONValue) -> Bool {
        left.serialized() == right.serialized()
    }

    public static func optional(_ text: String?) -> JSONValue {
        text.map { .string($0) } ?? .null
    }

    public static func optional(_ number: Int?) -> JSONValue {
        number.map { .number(String($0)) } ?? .null
    }

    /// Serialises with two-space indentation; non-ASCII text is written as UTF-8, not escaped.
    public func serialized(indent: Int = 0) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(to: &output, indent: indent)
        return String(decoding: output, as: UTF8.self)
    }

    private static func newline(_ output: inout [UInt8], indent: Int) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let items):
            if items.isEmpty {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                Self.newline(&output, indent: indent + 1)
                item.write(to: &output, indent: indent + 1)
                if index < items.count - 1 { output.append(UInt8(ascii: ",")) }
            }
            Self.newline(&output, indent: indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                Self.newline(&output, indent: indent + 1)
                Self.writeString(member.0, to: &output)
                output.append(contentsOf: ": ".utf8)
                member.1.write(to: &output, indent: indent + 1)
                if index < members.count - 1 { output.append(UInt8(ascii: ",")) }
            }
            Self.newline(&output, indent: indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Writes a JSON string: quotes, backslashes and control characters are escaped, and so are
    /// U+2028 and U+2029, which JavaScript reads as line ends. Other bytes are copied as they are.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape and are copied in one piece.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) {
            output.append(contentsOf: text.utf8)
            output.append(UInt8(ascii: "\""))
            return
        }
        let bytes = Array(text.utf8)
        var index = 0
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20:
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR.
                output.append(contentsOf: Array("\\u202".utf8) + [bytes[index + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")])
                index += 2
            default:
                output.append(byte)
            }
            index += 1
        }
        output.append(UInt8(ascii: "\""))
    }
}
