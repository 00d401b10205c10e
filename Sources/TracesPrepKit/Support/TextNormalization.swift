/// Text folding shared by header matching, code-list lookup and value normalisation.
public enum TextNormalization {
    /// Converts full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space (U+3000)
    /// to their half-width equivalents; other characters are kept.
    public static func halfWidth(_ text: String) -> String {
        // Both ranges encode with a lead byte of at least 0xE3, which ASCII and most CJK text lack.
        guard text.utf8.contains(where: { $0 >= 0xE3 }) else { return text }
        var needsWork = false
        for scalar in text.unicodeScalars where (0xFF01...0xFF5E).contains(scalar.value) || scalar.value == 0x3000 {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let half = Unicode.Scalar(scalar.value - 0xFEE0) {
                output.append(half)
            } else if scalar.value == 0x3000 {
                output.append(" ")
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Makes a lookup key: half-width and lower-case, trimmed, with inner white space collapsed to
    /// one space and the mandatory marks `✽` and `*` and any byte-order mark removed.
    public static func key(_ text: String) -> String {
        if let key = asciiKey(text) { return key }
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for original in text.unicodeScalars {
            var scalar = original
            if (0xFF01...0xFF5E).contains(scalar.value), let half = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalar = half
            }
            let value = scalar.value
            if value == 0x273D || value == 0x2A || value == 0xFEFF { continue }
            if value == 0x20 || value == 0x09 || value == 0x3000 || (value > 0x7F && scalar.properties.isWhitespace)
                || value == 0x0A || value == 0x0D
            {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            if value < 0x80 {
                output.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 0x20)! : scalar)
            } else if scalar.properties.changesWhenLowercased {
                output.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Returns the key of an ASCII text, made on its bytes, or nil when the text has other characters.
    private static func asciiKey(_ text: String) -> String? {
        var utf8 = text.utf8
        if let key = utf8.withContiguousStorageIfAvailable({ asciiKey($0) }) { return key }
        // A bridged string may not be contiguous; make it so and try again.
        var copy = text
        copy.makeContiguousUTF8()
        utf8 = copy.utf8
        return utf8.withContiguousStorageIfAvailable { asciiKey($0) } ?? nil
    }

    private static func asciiKey(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var needsWork = false
        for byte in bytes {
            if byte >= 0x80 { return nil }
            if (0x41...0x5A).contains(byte) || byte == 0x2A || byte < 0x21 { needsWork = true }
        }
        guard needsWork else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x2A { continue }
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(0x20)
                pendingSpace = false
            }
            output.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
