/// The two languages every user-facing text exists in.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zhTW = "zh-TW"
    case en = "en"

    /// Picks the language from `--lang`, then `TRACESPREP_LANG`, then `LANG`
    /// (`zh*` gives zh-TW, anything else English), defaulting to `fallback`: the site's language.
    public static func resolve(flag: String?, environment: [String: String], fallback: Language = .zhTW) -> Language? {
        if let flag {
            return Language(code: flag)
        }
        if let value = environment["TRACESPREP_LANG"], !value.isEmpty, let language = Language(code: value) {
            return language
        }
        if let value = environment["LANG"], !value.isEmpty {
            return value.lowercased().hasPrefix("zh") ? .zhTW : .en
        }
        return fallback
    }

    /// Accepts `zh-TW`, `zh_TW`, `zh`, `en`, `en_US.UTF-8` and similar spellings.
    public init?(code: String) {
        let lowered = code.lowercased()
        if lowered.hasPrefix("zh") {
            self = .zhTW
        } else if lowered.hasPrefix("en") {
            self = .en
        } else {
            return nil
        }
    }
}

/// A text in Traditional Chinese (Taiwan) and English.
public struct LocalizedText: Sendable, Equatable, Hashable {
    public var zhTW: String
    public var en: String

    public init(zhTW: String, en: String) {
        self.zhTW = zhTW
        self.en = en
    }

    public subscript(language: Language) -> String {
        switch language {
        case .zhTW: return zhTW
        case .en: return en
        }
    }

    /// Replaces each `{name}` placeholder in both languages.
    public func filled(_ values: [String: String]) -> LocalizedText {
        LocalizedText(zhTW: Self.fill(zhTW, values), en: Self.fill(en, values))
    }

    /// Joins two texts language by language with a space.
    public func appending(_ other: LocalizedText) -> LocalizedText {
        LocalizedText(zhTW: zhTW + other.zhTW, en: en + " " + other.en)
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        var output = ""
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            if character == "{", let close = template[index...].firstIndex(of: "}") {
                let name = String(template[template.index(after: index)..<close])
                if let value = values[name] {
                    output += value
                    index = template.index(after: close)
                    continue
                }
            }
            output.append(character)
            index = template.index(after: index)
        }
        return output
    }

    /// Placeholder names used in a template, for rule-file checks.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
