/// Finds the encoding of an XML file the way XML 1.0 (Appendix F) describes: a byte order mark,
/// else the pattern of the first bytes, else the `encoding` of the XML declaration, else UTF-8.
///
/// TracesPrep converts the file to UTF-8 itself and has libxml2 ignore the declaration, so the
/// report can name each undecodable byte with its line, as it does for CSV files.
enum XMLEncodingDetector {
    enum Result: Equatable {
        /// Decode with `encoding`; `declared` is the declaration's name as written, if any.
        case supported(TextEncoding, declared: String?)
        /// The declaration names an encoding TracesPrep does not read.
        case unsupported(declared: String)
    }

    /// Declared names, upper-cased, by the encoding they are read in. Big5 is read with the CP950
    /// table, Microsoft's superset of Big5, because files labelled Big5 on Taiwanese Windows
    /// computers are CP950 and may use its extra characters.
    static let names: [String: TextEncoding] = {
        var names: [String: TextEncoding] = [:]
        for name in ["UTF-8", "UTF8", "US-ASCII", "ASCII"] { names[name] = .utf8 }
        for name in ["ISO-8859-1", "ISO8859-1", "ISO-LATIN-1", "LATIN1", "LATIN-1", "L1", "ISO-IR-100", "CP819", "IBM819"] {
            names[name] = .iso8859_1
        }
        for name in ["BIG5", "BIG-5", "CN-BIG5", "CSBIG5", "CP950", "WINDOWS-950", "MS950", "X-WINDOWS-950"] {
            names[name] = .cp950
        }
        return names
    }()

    static func detect(_ bytes: [UInt8]) -> Result {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return .supported(.utf8BOM, declared: declaredEncoding(Array(bytes.dropFirst(3))))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) {
            return .supported(.utf16LE, declared: nil)
        }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0x00, 0x3C, 0x00, 0x3F]) {
            return .supported(.utf16BE, declared: nil)
        }
        guard let declared = declaredEncoding(bytes) else {
            return .supported(.utf8, declared: nil)
        }
        let key = declared.uppercased().replacingOccurrences(of: "_", with: "-")
        guard let encoding = names[key] else {
            // A UTF-16 declaration on bytes that are not UTF-16 (no byte order mark, no UTF-16 pattern) ends here too.
            return .unsupported(declared: declared)
        }
        return .supported(encoding, declared: declared)
    }

    /// Returns the `encoding` pseudo-attribute of an XML declaration at the start of the bytes,
    /// read as ASCII, or nil when there is no declaration or it names no encoding.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let prefix = Array("<?xml".utf8)
        guard bytes.starts(with: prefix) else { return nil }
        // A declaration is short; 512 bytes leave room for generous white space.
        let head = bytes.prefix(512)
        guard let end = (0..<max(0, head.count - 1)).first(where: { head[$0] == 0x3F && head[$0 + 1] == 0x3E }) else {
            return nil
        }
        let declaration = String(decoding: head[0..<end].filter { $0 < 0x80 }, as: UTF8.self)
        guard let keyword = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[keyword.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: quote) else { return nil }
        let name = String(rest[..<close])
        return name.isEmpty ? nil : name
    }
}
