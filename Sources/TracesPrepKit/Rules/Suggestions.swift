/// Nearest valid values for an unknown one: code-list entries by name or spelling, species by
/// scientific or English common name. Findings list them so a clerk can pick the right one.
public enum Suggestions {
    /// How many suggestions a finding lists at most.
    public static let limit = 3

    // MARK: - Code lists

    /// Entries of `list` whose code, labels or aliases are near `value`: containing it or
    /// contained in it (`荷蘭王國` and `荷蘭`, `Kingdom of the Netherlands` and `Netherlands`), or
    /// within a few edits (`Netherland`, `Cartn`). Nearest first, list order on a tie.
    public static func entries(near value: String, in list: CodeList, limit: Int = Suggestions.limit) -> [CodeEntry] {
        // A wrong value is often repeated row after row, and each search reads the whole list.
        let indices = list.suggestions.value(for: CodeList.SuggestionKey(value: value, limit: limit)) {
            nearIndices(value, in: list, limit: limit)
        }
        return indices.map { list.entries[$0] }
    }

    /// Returns the positions in the list of the entries near `value`, nearest first.
    private static func nearIndices(_ value: String, in list: CodeList, limit: Int) -> [Int] {
        let key = Array(TextNormalization.key(value).unicodeScalars)
        guard !key.isEmpty else { return [] }
        var scored: [(score: Int, index: Int)] = []
        for (index, entry) in list.entries.enumerated() {
            var best = Int.max
            for spelling in [entry.code, entry.label.en, entry.label.zhTW] + entry.aliases {
                let candidate = Array(TextNormalization.key(spelling).unicodeScalars)
                if let score = nearness(key, candidate) { best = min(best, score) }
            }
            if best != Int.max { scored.append((best, index)) }
        }
        scored.sort { $0.score != $1.score ? $0.score < $1.score : $0.index < $1.index }
        return scored.prefix(limit).map(\.index)
    }

    /// Returns a score for how near two folded spellings are (lower is nearer), or nil when they are not
    /// near: 0 for equal, the edit distance when it is small for their length, and one more than
    /// the largest allowed distance when one contains the other.
    static func nearness(_ key: [Unicode.Scalar], _ candidate: [Unicode.Scalar]) -> Int? {
        guard !candidate.isEmpty else { return nil }
        let shorter = min(key.count, candidate.count)
        let isIdeographic = key.contains { $0.properties.isIdeographic }
        let allowed: Int
        if isIdeographic {
            allowed = shorter >= 3 ? 1 : 0
        } else if shorter <= 4 {
            allowed = 1
        } else {
            allowed = shorter <= 8 ? 2 : 3
        }
        if let distance = editDistance(key, candidate, maximum: allowed) { return distance }
        // Containment needs two ideographs or four letters, so one character matches nothing.
        let minimumContained = isIdeographic ? 2 : 4
        if shorter >= minimumContained,
           contains(key, candidate) || contains(candidate, key)
        {
            return allowed + 1
        }
        return nil
    }

    private static func contains(_ text: [Unicode.Scalar], _ part: [Unicode.Scalar]) -> Bool {
        guard part.count <= text.count else { return false }
        for start in 0...(text.count - part.count) where text[start..<(start + part.count)].elementsEqual(part) {
            return true
        }
        return false
    }

    /// Levenshtein distance, or nil as soon as it must exceed `maximum`.
    static func editDistance(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar], maximum: Int) -> Int? {
        if abs(left.count - right.count) > maximum { return nil }
        if left.isEmpty || right.isEmpty { return max(left.count, right.count) }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...right.count {
                let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > maximum { return nil }
            swap(&previous, &current)
        }
        return previous[right.count] <= maximum ? previous[right.count] : nil
    }

    // MARK: - Sentences

    /// `Did you mean NL (Netherlands), …? `, or nothing without suggestions. Ends with a space in
    /// English so the hint that follows reads as a new sentence.
    public static func sentence(_ items: [(code: String, name: LocalizedText?)]) -> LocalizedText {
        guard !items.isEmpty else { return LocalizedText(zhTW: "", en: "") }
        // A name that only repeats the code (the treatment type Frozen) is left out.
        let zhTW = items.map { item in
            item.name.map { $0.zhTW == item.code ? item.code : "\(item.code)（\($0.zhTW)）" } ?? item.code
        }.joined(separator: "、")
        let en = items.map { item in
            item.name.map { $0.en == item.code ? item.code : "\(item.code) (\($0.en))" } ?? item.code
        }.joined(separator: ", ")
        return LocalizedText(zhTW: "是否為 \(zhTW)？", en: "Did you mean \(en)? ")
    }
}
