import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The character encodings a consignment file is read in.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case cp950 = "CP950"
    /// Only for XML files that declare it; a CSV file is never read as ISO-8859-1.
    case iso8859_1 = "ISO-8859-1"
}

/// A file's text after decoding, with the places where bytes could not be decoded.
public struct DecodedText: Sendable {
    public var text: String
    public var encoding: TextEncoding
    /// 1-based line numbers and the offending bytes (hex) where decoding failed;
    /// each failure became U+FFFD in `text`.
    public var undecodable: [(line: Int, bytes: String)]
}

/// Decodes a whole file before it is split into records, because CP950 trail bytes can be
/// `\` (0x5C) or lie in the range of `"` and other ASCII punctuation.
public enum TextDecoder {
    public static func decode(_ bytes: [UInt8]) -> DecodedText {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            if let text = String(validating: body, as: UTF8.self) {
                return DecodedText(text: text, encoding: .utf8BOM, undecodable: [])
            }
            return lossyUTF8(body, encoding: .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return decodeUTF16(Array(bytes.dropFirst(2)), littleEndian: true)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return decodeUTF16(Array(bytes.dropFirst(2)), littleEndian: false)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: text, encoding: .utf8, undecodable: [])
        }
        return decodeCP950(bytes)
    }

    /// Decodes bytes in a known encoding, such as the one an XML declaration names. A byte order
    /// mark matching the encoding is dropped.
    public static func decode(_ bytes: [UInt8], as encoding: TextEncoding) -> DecodedText {
        switch encoding {
        case .utf8, .utf8BOM:
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            if let text = String(validating: body, as: UTF8.self) {
                return DecodedText(text: text, encoding: encoding, undecodable: [])
            }
            return lossyUTF8(body, encoding: encoding)
        case .utf16LE:
            return decodeUTF16(Array(bytes.starts(with: [0xFF, 0xFE]) ? bytes.dropFirst(2) : bytes[...]), littleEndian: true)
        case .utf16BE:
            return decodeUTF16(Array(bytes.starts(with: [0xFE, 0xFF]) ? bytes.dropFirst(2) : bytes[...]), littleEndian: false)
        case .cp950:
            return decodeCP950(bytes)
        case .iso8859_1:
            // ISO-8859-1 maps each byte to the code point of the same value, so nothing can fail.
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return DecodedText(text: String(scalars), encoding: .iso8859_1, undecodable: [])
        }
    }

    /// True when `byte` ends a line: a CR, or an LF that does not complete a CRLF. This counts
    /// LF, CRLF and CR-only line ends the way CSVParser does, so reported lines match.
    static func endsLine(_ byte: UInt8, after previous: UInt8?) -> Bool {
        byte == 0x0D || (byte == 0x0A && previous != 0x0D)
    }

    private static func lossyUTF8(_ bytes: [UInt8], encoding: TextEncoding) -> DecodedText {
        var failures: [(Int, String)] = []
        var line = 1
        var index = 0
        var output = ""
        var start = 0
        // Walk the bytes, validating each sequence, so every bad byte is reported with its line.
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0
            if length > 0, index + length <= bytes.count,
               String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            {
                if Self.endsLine(byte, after: index > 0 ? bytes[index - 1] : nil) { line += 1 }
                index += length
                continue
            }
            output += String(decoding: bytes[start..<index], as: UTF8.self)
            output.unicodeScalars.append("\u{FFFD}")
            failures.append((line, String(format: "%02X", byte)))
            index += 1
            start = index
        }
        output += String(decoding: bytes[start..<index], as: UTF8.self)
        return DecodedText(text: output, encoding: encoding, undecodable: failures)
    }

    private static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool) -> DecodedText {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            let pair = littleEndian
                ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            units.append(pair)
            index += 2
        }
        var failures: [(Int, String)] = []
        var output = String.UnicodeScalarView()
        var line = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\r" || (scalar == "\n" && output.last != "\r") { line += 1 }
                output.append(scalar)
            case .emptyInput:
                break loop
            case .error:
                failures.append((line, "UTF-16"))
                output.append("\u{FFFD}")
            }
        }
        if bytes.count % 2 == 1 {
            failures.append((line, String(format: "%02X", bytes[bytes.count - 1])))
        }
        return DecodedText(text: String(output), encoding: littleEndian ? .utf16LE : .utf16BE, undecodable: failures)
    }

    /// Converts CP950 (Big5 with Microsoft's extensions) through glibc's iconv, replacing each
    /// undecodable byte with U+FFFD and recording its line.
    private static func decodeCP950(_ bytes: [UInt8]) -> DecodedText {
        let converter = iconv_open("UTF-8", "CP950")
        guard converter != iconv_t(bitPattern: -1) else {
            return lossyUTF8(bytes, encoding: .utf8)
        }
        defer { iconv_close(converter) }
        var failures: [(Int, String)] = []
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        var input = bytes
        var outBuffer = [UInt8](repeating: 0, count: 64 * 1024)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            while inLeft > 0 {
                let result = outBuffer.withUnsafeMutableBufferPointer { outPointerBuffer -> Int in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outPointerBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outPointerBuffer.count
                    let status = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    let written = outPointerBuffer.count - outLeft
                    output.append(contentsOf: outPointerBuffer[0..<written])
                    return status == -1 ? Int(errno) : 0
                }
                if result == 0 || result == E2BIG { continue }
                // EILSEQ or EINVAL: skip one byte and mark it.
                let offset = inputBuffer.count - inLeft
                let line = 1 + (0..<offset).filter { Self.endsLine(inputBuffer[$0], after: $0 > 0 ? inputBuffer[$0 - 1] : nil) }.count
                failures.append((line, String(format: "%02X", inputBuffer[offset])))
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                inPointer = inPointer.map { $0 + 1 }
                inLeft -= 1
            }
        }
        return DecodedText(text: String(decoding: output, as: UTF8.self), encoding: .cp950, undecodable: failures)
    }
}
