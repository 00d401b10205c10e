extension SpeciesIndex {
    /// Listed species for an unknown name, and the one to expect when a single one is nearest.
    public struct Suggestion: Sendable {
        public var expected: String?
        public var entries: [CodeEntry]
    }

    /// How many species a finding lists at most; a common name such as `tilapia` fits dozens.
    public static let suggestionLimit = 5

    /// Finds listed species for a name that is not listed:
    /// - a different case or spacing of a listed name, which is then expected;
    /// - an English common name of the ASFIS list (`Nile tilapia`), expected when only one species has it;
    /// - the words of a common name (`tilapia`): FAO's group entry (`Tilapias nei`, Oreochromis
    ///   spp.) first, then the species of its genus, then the others, in list order;
    /// - scientific names within three edits (`Oreochromis niloticuss`), nearest first, the
    ///   nearest expected when no other is as near.
    public func suggestions(for name: String) -> Suggestion {
        if let exact = suggestion(for: name) {
            return Suggestion(expected: exact, entries: [])
        }
        let key = TextNormalization.key(name)
        guard !key.isEmpty else { return Suggestion(expected: nil, entries: []) }

        let sameCommonName = entries.filter { $0.label.en != $0.code && TextNormalization.key($0.label.en) == key }
        if !sameCommonName.isEmpty {
            return Suggestion(
                expected: sameCommonName.count == 1 ? sameCommonName[0].code : nil,
                entries: Array(sameCommonName.prefix(Self.suggestionLimit)))
        }

        let byWords = entriesNamed(by: key)
        if !byWords.isEmpty {
            return Suggestion(expected: nil, entries: Array(byWords.prefix(Self.suggestionLimit)))
        }

        let query = Array(key.unicodeScalars)
        var scored: [(distance: Int, index: Int)] = []
        for (index, entry) in entries.enumerated() {
            let candidate = Array(TextNormalization.key(entry.code).unicodeScalars)
            if let distance = Suggestions.editDistance(query, candidate, maximum: 3) { scored.append((distance, index)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
        let nearest = scored.prefix(Suggestions.limit).map { entries[$0.index] }
        let standsOut = scored.count == 1 || (scored.count > 1 && scored[0].distance < scored[1].distance)
        return Suggestion(expected: standsOut ? nearest.first?.code : nil, entries: nearest)
    }

    /// Returns the English common name of a listed species, when the list gives one.
    public func commonName(of name: String) -> String? {
        guard let entry = entry(named: name), entry.label.en != entry.code else {
            return nil
        }
        return entry.label.en
    }

    /// Entries whose English common name has every word of `key`, singular or plural.
    private func entriesNamed(by key: String) -> [CodeEntry] {
        let words = key.split(separator: " ").map(String.init)
        guard words.allSatisfy({ $0.count >= 3 && $0.allSatisfy(\.isLetter) }) else { return [] }
        var matches: [CodeEntry] = []
        for entry in entries where entry.label.en != entry.code {
            let nameWords = Set(TextNormalization.key(entry.label.en).split(separator: " ").map(String.init))
            if words.allSatisfy({ nameWords.contains($0) || nameWords.contains($0 + "s") || nameWords.contains($0 + "es") }) {
                matches.append(entry)
            }
        }
        // FAO names a group of species "… nei" (not elsewhere included); its genus leads.
        let groups = matches.filter { TextNormalization.key($0.label.en).hasSuffix(" nei") }
        let leadingGenus = groups.first.flatMap { genus(of: $0.code) }
        func rank(_ entry: CodeEntry) -> Int {
            if TextNormalization.key(entry.label.en).hasSuffix(" nei") { return 0 }
            return genus(of: entry.code) == leadingGenus ? 1 : 2
        }
        return matches.enumerated().sorted { left, right in
            let (leftRank, rightRank) = (rank(left.element), rank(right.element))
            return leftRank != rightRank ? leftRank < rightRank : left.offset < right.offset
        }.map(\.element)
    }
}
