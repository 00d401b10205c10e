/// Text folding shared by header matching, code-list lookup and value normalisation.
public enum TextNormalization {
    /// Converts full-width ASCII forms (U+FF01–U+FF5E) and the ideographic space (U+3000)
    /// to their half-width equivalents; other characters are kept.
    public static func halfWidth(_ text: String) -> String {
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
}
