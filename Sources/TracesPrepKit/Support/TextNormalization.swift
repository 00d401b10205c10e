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

    /// A lookup key: half-width, lower-cased, trimmed, inner white space collapsed to one space,
    /// and the mandatory marks `✽` and `*` removed.
    public static func key(_ text: String) -> String {
        var output = ""
        var pendingSpace = false
        for character in halfWidth(text).lowercased() {
            if character == "✽" || character == "*" || character == "\u{FEFF}" { continue }
            if character.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.append(character)
        }
        return output
    }
}
