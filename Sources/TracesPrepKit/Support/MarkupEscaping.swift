import Foundation

/// Escaping for the XML and HTML documents TracesPrep writes.
enum MarkupEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'` for text content. Characters that XML 1.0 does not
    /// allow (control characters other than tab, line feed and carriage return, U+FFFE and
    /// U+FFFF) become U+FFFD, so any cell of an exporter's file yields a well-formed document.
    static func text(_ value: String) -> String {
        escape(value, inAttribute: false)
    }

    /// Escapes an attribute value like `text(_:)`, and also writes tab, line feed and carriage
    /// return as character references because XML parsers turn them into spaces in attributes.
    static func attribute(_ value: String) -> String {
        escape(value, inAttribute: true)
    }

    /// Prepares text for an XML or HTML comment, where entities are not expanded: characters
    /// XML does not allow become U+FFFD, and "--", which may not occur in a comment, becomes "- -".
    static func comment(_ value: String) -> String {
        var output = String(String.UnicodeScalarView(value.unicodeScalars.map { isAllowedInXML($0) ? $0 : "\u{FFFD}" }))
        while let range = output.range(of: "--") {
            output.replaceSubrange(range, with: "- -")
        }
        return output
    }

    private static func escape(_ value: String, inAttribute: Bool) -> String {
        var output = ""
        output.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t" where inAttribute: output += "&#9;"
            case "\n" where inAttribute: output += "&#10;"
            case "\r" where inAttribute: output += "&#13;"
            default:
                output.unicodeScalars.append(isAllowedInXML(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return output
    }

    /// Returns whether XML 1.0 allows the character: its `Char` production (fifth edition, section 2.2).
    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
