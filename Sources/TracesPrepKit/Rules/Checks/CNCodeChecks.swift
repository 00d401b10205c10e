extension CheckContext {
    /// The CN code of a line as the model and HS checks use it: digits only, with a leading zero
    /// restored where a spreadsheet dropped it; nil when absent or not 4, 6 or 8 digits.
    func cnCode(line index: Int) -> String? {
        guard let value = consignment.lines[index]["cn_code"] else { return nil }
        return CNCode.usable(value.text)
    }
}

/// CN code forms: 4, 6 or 8 digits, checked to the HS-6 prefix.
public enum CNCode {
    public static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Restores the leading zero of a code of odd length 3, 5 or 7, which a spreadsheet dropped.
    public static func repairedLeadingZero(_ text: String) -> String? {
        guard isDigits(text), [3, 5, 7].contains(text.utf8.count) else { return nil }
        return "0" + text
    }

    public static func usable(_ text: String) -> String? {
        let code = repairedLeadingZero(text) ?? text
        return isDigits(code) && [4, 6, 8].contains(code.utf8.count) ? code : nil
    }

    /// Returns the HS heading or subheading to look up: the first 6 digits, or 4 for a heading.
    public static func hsKey(_ code: String) -> String {
        String(code.prefix(code.count >= 6 ? 6 : 4))
    }
}

// MARK: - cn_code_format

struct CNCodeFormatCheck: Check {
    static let name = "cn_code_format"

    func run(_ rule: Rule, _ context: inout CheckContext) {
        var hits: [(String, NormalizedValue)] = []
        context.forEachValue(of: rule.fields) { field, value, _ in
            // Codes that only lost a leading zero are reported by cn_code_excel_damage.
            guard value.damage == nil else { return }
            if CNCode.usable(value.text) == nil && CNCode.repairedLeadingZero(value.text) == nil { hits.append((field, value)) }
        }
        for (field, value) in hits {
            context.report(rule, field: field, location: value.source.location, value: value.source.raw)
        }
    }
}

// MARK: - cn_code_excel_damage

struct CNCodeExcelDamageCheck: Check {
    static let name = "cn_code_excel_damage"

    func run(_ rule: Rule, _ context: inout CheckContext) {
        var hits: [(String, NormalizedValue, String)] = []
        context.forEachValue(of: rule.fields) { field, value, _ in
            // A date such as `3-04` reads as 304 once its dash is removed; excel_damage reports it.
            guard value.damage == nil else { return }
            if let repaired = CNCode.repairedLeadingZero(value.text) { hits.append((field, value, repaired)) }
        }
        for (field, value, repaired) in hits {
            context.report(rule, field: field, location: value.source.location, value: value.source.raw, expected: repaired)
        }
    }
}

// MARK: - cn_code_hs

/// A well-formed CN code whose HS-6 subheading (or HS-4 heading) is not in the HS 2022 list.
/// Where the line's species genus and treatment single out one subheading of the same heading,
/// that subheading is the expected value (the BSMI manual's 03040600 for frozen tilapia fillets
/// gives 030461).
struct CNCodeHSCheck: Check {
    static let name = "cn_code_hs"
    static let placeholders = ["hs", "heading"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let hs = context.library.codeLists["hs2022"] else { return }
        let chapters = context.library.hsIndex.chapters
        for index in context.consignment.lines.indices {
            guard let code = context.cnCode(line: index), let value = context.consignment.lines[index]["cn_code"] else { continue }
            // NOTE: the shipped HS list contains chapters 03 and 16 only, so codes of other chapters
            // (composite products under 1806, 1901 …) cannot be checked here and pass.
            guard chapters.contains(String(code.prefix(2))) else { continue }
            let key = CNCode.hsKey(code)
            if hs.contains(code: key) { continue }
            let heading = String(code.prefix(4))
            let line = context.consignment.lines[index]
            // The suggestion reads the whole heading's texts; it depends only on these three values.
            let suggestionKey = [heading, line["species"]?.text ?? "", line["treatment_type"]?.text ?? ""]
            let suggestion = context.library.hsIndex.suggestions.value(for: suggestionKey) {
                Self.suggestion(in: hs, heading: heading, line: line, species: context.library.species)?.code
            }.flatMap { hs.entry(code: $0) }
            let headingText: LocalizedText
            if let suggestion {
                headingText = LocalizedText(
                    zhTW: "依學名與處理方式，應為子目 \(suggestion.code)（\(suggestion.label.en)）。",
                    en: "From the species and treatment, the subheading is \(suggestion.code) (\(suggestion.label.en)).")
            } else if let entry = hs.entry(code: heading) {
                headingText = LocalizedText(
                    zhTW: "品目 \(heading)（\(entry.label.en)）存在，請從其 6 位數子目中選擇。",
                    en: "Heading \(heading) (\(entry.label.en)) exists: choose one of its 6-digit subheadings.")
            } else {
                headingText = LocalizedText(zhTW: "品目 \(heading) 也不存在。", en: "Heading \(heading) does not exist either.")
            }
            context.report(
                rule, field: "cn_code", location: value.source.location, value: value.source.raw,
                expected: suggestion?.code, details: ["hs": key], localized: ["heading": headingText])
        }
    }

    /// The one subheading of `heading` whose HS 2022 text names the line's species and, where
    /// that still leaves several, matches its treatment (frozen, fresh or chilled, dried, salted,
    /// smoked). The text names the species by its genus in parentheses ("tilapias (Oreochromis
    /// spp.)"), by its genus elsewhere ("of the genus Thunnus"), or by the last word of its
    /// English common name ("Yellowfin tuna" and "tunas").
    static func suggestion(in hs: CodeList, heading: String, line: NormalizedValues, species: SpeciesIndex) -> CodeEntry? {
        let subheadings = hs.entries.filter { $0.code.count == 6 && $0.code.hasPrefix(heading) }
        guard let name = line["species"]?.text, let genus = species.genus(of: name) else { return nil }
        var candidates = subheadings.filter { entry in
            SpeciesForCNCheck.genera(in: entry.label.en).contains { $0.lowercased() == genus }
        }
        if candidates.isEmpty {
            candidates = subheadings.filter { Self.words(of: $0.label.en).contains(genus) }
        }
        if candidates.isEmpty, let commonWord = species.commonName(of: name).flatMap({ $0.lowercased().split { !$0.isLetter }.last.map(String.init) }) {
            candidates = subheadings.filter { entry in
                let words = Self.words(of: entry.label.en)
                return words.contains(commonWord) || words.contains(commonWord + "s") || words.contains(commonWord + "es")
            }
        }
        if candidates.count > 1, let treatment = line["treatment_type"]?.text.lowercased() {
            let words: [String: String] = [
                "frozen": "frozen", "fresh": "fresh or chilled", "chilled": "fresh or chilled",
                "dried": "dried", "salted": "salted", "smoked": "smoked",
            ]
            if let word = words[treatment] {
                let narrowed = candidates.filter { $0.label.en.lowercased().contains(word) }
                if !narrowed.isEmpty { candidates = narrowed }
            }
        }
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// The lower-case words of a text, split at anything but a letter.
    static func words(of text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter }.map(String.init))
    }
}

// MARK: - cn_model_covered

/// A known CN code that no certificate model of the pack covers; the pack's exclusion list
/// supplies the reason (bivalve molluscs need a separate model).
struct CNModelCoveredCheck: Check {
    static let name = "cn_model_covered"
    static let placeholders = ["reason", "pack"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        let pack = context.library.pack
        let hs = context.library.codeLists["hs2022"]
        for index in context.consignment.lines.indices {
            guard let code = context.cnCode(line: index), let value = context.consignment.lines[index]["cn_code"],
                  hs?.contains(code: CNCode.hsKey(code)) ?? true, context.lineModels[index].isEmpty
            else { continue }
            let reason = pack.exclusion(for: code)?.reason
                ?? LocalizedText(zhTW: "此規則包沒有涵蓋此號列的證書格式。", en: "No certificate model of this pack covers this code.")
            context.report(
                rule, field: "cn_code", location: value.source.location, value: value.source.raw,
                details: ["pack": pack.name], localized: ["reason": reason])
        }
    }
}

// MARK: - species_for_cn

/// For the listed models, a species whose genus the HS text of the line's subheading does not
/// name, where that text names genera ("tilapias (Oreochromis spp.)").
struct SpeciesForCNCheck: Check {
    static let name = "species_for_cn"
    static let placeholders = ["genera", "hs"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let hs = context.library.codeLists["hs2022"] else { return }
        for index in context.consignment.lines.indices {
            guard context.applies(rule, line: index), let code = context.cnCode(line: index),
                  let species = context.consignment.lines[index]["species"],
                  let entry = hs.entry(code: CNCode.hsKey(code))
            else { continue }
            let genera = context.library.hsIndex.genera[entry.code] ?? []
            guard !genera.isEmpty, let genus = context.library.species.genus(of: species.text) else { continue }
            if genera.contains(where: { $0.lowercased() == genus }) { continue }
            context.report(
                rule, field: "species", location: species.source.location, value: species.source.raw,
                details: ["genera": genera.joined(separator: ", "), "hs": entry.code])
        }
    }

    /// Genus names inside parentheses of an HS text: "(Pangasius spp., Silurus spp.)" or "(Lates niloticus)".
    /// Family names ("(families Arcidae, … Tridacnidae and Veneridae)") are not genera and are skipped.
    static func genera(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        var segmentStart = rest.startIndex
        while let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            // "tunas, skipjack tuna and bonito (Sarda spp.)": the genus qualifies only the last
            // of several products, so the text does not limit the species and gives no genera.
            var lead = text[segmentStart..<open]
            if let separator = lead.lastIndex(where: { $0 == "," || $0 == ";" }) { lead = lead[lead.index(after: separator)...] }
            if lead.contains(" and ") { return [] }
            let inner = rest[rest.index(after: open)..<close]
            for part in inner.split(separator: ",") {
                var words = part.split(separator: " ")
                // "of the genus Thunnus" names a genus without a species.
                if let genus = words.firstIndex(of: "genus"), genus + 1 < words.count {
                    words = [words[genus + 1], "spp."]
                }
                guard words.count >= 2, let first = words.first, first.first?.isUppercase ?? false,
                      first.dropFirst().allSatisfy({ $0.isLowercase }), words[1].first?.isLowercase ?? false,
                      !first.hasSuffix("idae"), !["and", "or"].contains(words[1])
                else { continue }
                if !names.contains(String(first)) { names.append(String(first)) }
            }
            rest = rest[rest.index(after: close)...]
            segmentStart = rest.startIndex
        }
        return names
    }
}

/// Facts derived once from the HS list: the chapters it covers and the genera each
/// subheading's text names.
public struct HSIndex: Sendable {
    public var chapters: Set<String> = []
    /// The genera that each subheading's text names, by code. Reading them from the texts is the
    /// larger part of the work, so it is done on first use rather than when the rules load.
    public var genera: [String: [String]] { generaByCode.value }
    private let generaByCode: LazyValue<[String: [String]]>
    /// The subheading suggested for a wrong code, by heading, species and treatment.
    let suggestions = MemoTable<[String], String?>()

    init(list: CodeList?) {
        let entries = list?.entries ?? []
        for entry in entries {
            chapters.insert(String(entry.code.prefix(2)))
        }
        generaByCode = LazyValue {
            var genera: [String: [String]] = [:]
            for entry in entries {
                let names = SpeciesForCNCheck.genera(in: entry.label.en)
                if !names.isEmpty { genera[entry.code] = names }
            }
            return genera
        }
    }
}
