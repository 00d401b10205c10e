// MARK: - code_list

/// A value of a `code` field that is not in the field's code list.
struct CodeListCheck: Check {
    static let name = "code_list"
    static let placeholders = ["list", "suggestion"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        let catalog = context.library.catalog
        var hits: [(String, NormalizedValue)] = []
        context.forEachValue(of: context.fields(of: rule)) { field, value, line in
            guard let definition = catalog[field], definition.type == .code || definition.type == .yesNo else { return }
            if value.code == nil && value.problem == nil && context.applies(rule, line: line) { hits.append((field, value)) }
        }
        for (field, value) in hits {
            let listName = catalog[field]?.list ?? (catalog[field]?.type == .yesNo ? "yes-no" : "")
            let near = context.library.codeLists[listName].map { Suggestions.entries(near: value.source.raw, in: $0) } ?? []
            let sentence = Suggestions.sentence(near.map { ($0.code, $0.label) })
            context.report(
                rule, field: field, location: value.source.location, value: value.source.raw,
                expected: near.count == 1 ? near[0].code : nil,
                details: ["list": catalog[field]?.list ?? ""], localized: ["suggestion": sentence])
        }
    }
}

// MARK: - member_of

/// A known value that must also be in `params.list` (the destination must be an EU member state);
/// with `params.prefix_length`, only that many leading characters are looked up (the country of a BCP code).
struct MemberOfCheck: Check {
    static let name = "member_of"
    static let requiredParameters = ["list"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        guard let listName = rule.parameter("list"), let list = context.library.codeLists[listName] else { return }
        let prefixLength = rule.parameter("prefix_length").flatMap(Int.init)
        var hits: [(String, NormalizedValue)] = []
        context.forEachValue(of: rule.fields) { field, value, line in
            guard context.applies(rule, line: line) else { return }
            var text = value.code ?? value.text
            if context.library.catalog[field]?.type == .code && value.code == nil { return }
            if let prefixLength {
                guard text.count >= prefixLength else { return }
                text = String(text.prefix(prefixLength)).uppercased()
            }
            if list.entry(code: text) == nil { hits.append((field, value)) }
        }
        for (field, value) in hits {
            context.report(rule, field: field, location: value.source.location, value: value.source.raw)
        }
    }
}

// MARK: - allowed_values

/// A known value that must be one of `params.values` for this certificate (Human consumption).
struct AllowedValuesCheck: Check {
    static let name = "allowed_values"
    static let requiredParameters = ["values"]
    static let placeholders = ["allowed"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        let allowed = rule.listParameter("values")
        let keys = Set(allowed.map(TextNormalization.key))
        var hits: [(String, NormalizedValue)] = []
        context.forEachValue(of: rule.fields) { field, value, line in
            guard context.applies(rule, line: line) else { return }
            if context.library.catalog[field]?.type == .code && value.code == nil { return }
            if !keys.contains(TextNormalization.key(value.code ?? value.text)) { hits.append((field, value)) }
        }
        for (field, value) in hits {
            context.report(
                rule, field: field, location: value.source.location, value: value.source.raw,
                expected: allowed.count == 1 ? allowed[0] : nil, details: ["allowed": allowed.joined(separator: ", ")])
        }
    }
}

// MARK: - species_code

/// A scientific name that is not in the FAO ASFIS list; `Genus spp.` passes when the genus is listed.
struct SpeciesCheck: Check {
    static let name = "species_code"
    static let placeholders = ["suggestion"]

    func run(_ rule: Rule, _ context: inout CheckContext) {
        let index = context.library.species
        var hits: [(String, NormalizedValue, SpeciesIndex.Suggestion)] = []
        context.forEachValue(of: rule.fields) { field, value, line in
            guard context.applies(rule, line: line), !index.isKnown(value.text) else { return }
            hits.append((field, value, index.suggestions(for: value.text)))
        }
        for (field, value, suggestion) in hits {
            let sentence = Suggestions.sentence(suggestion.entries.map { entry in
                (entry.code, entry.label.en == entry.code ? nil : LocalizedText(zhTW: entry.label.en, en: entry.label.en))
            })
            context.report(
                rule, field: field, location: value.source.location, value: value.source.raw, expected: suggestion.expected,
                localized: ["suggestion": sentence])
        }
    }
}

/// Scientific names and genera of the species list, for species checks. The name index is built
/// on first use, so loading the rules does not pay for it.
public struct SpeciesIndex: Sendable {
    private struct Names: Sendable {
        /// The position in `entries` of each listed scientific name, by `TextNormalization.key`.
        var byKey: [String: Int] = [:]
        /// Lower-case genera of the listed names.
        var genera: Set<String> = []
    }

    private let names: LazyValue<Names>
    /// The list's entries, for suggestions by common name and spelling.
    let entries: [CodeEntry]

    init(list: CodeList?) {
        let entries = list?.entries ?? []
        self.entries = entries
        names = LazyValue {
            var names = Names()
            for (index, entry) in entries.enumerated() {
                names.byKey[TextNormalization.key(entry.code)] = index
                if let genus = entry.code.split(separator: " ").first {
                    names.genera.insert(genus.lowercased())
                }
            }
            return names
        }
    }

    /// True for a listed name, or `Genus spp.` / `Genus sp.` of a listed genus.
    public func isKnown(_ name: String) -> Bool {
        let key = TextNormalization.key(name)
        let names = names.value
        if names.byKey[key] != nil { return true }
        let words = key.split(separator: " ")
        if words.count == 2, ["spp.", "spp", "sp.", "sp"].contains(words[1]) {
            return names.genera.contains(String(words[0]))
        }
        return false
    }

    /// Returns the entry whose scientific name has the key of `name`.
    func entry(named name: String) -> CodeEntry? {
        names.value.byKey[TextNormalization.key(name)].map { entries[$0] }
    }

    public func genus(of name: String) -> String? {
        name.split(separator: " ").first.map { $0.lowercased() }
    }

    /// The listed spelling when only case or spacing differ.
    public func suggestion(for name: String) -> String? {
        entry(named: name)?.code
    }
}
