/// Orders certificate box numbers as the certificate prints them: `I.2` before `I.2.a` before
/// `I.3`, and `I.10` after `I.9`. A combined box such as `I.21/I.22` sorts by its first part.
enum BoxOrder {
    static func areInIncreasingOrder(_ left: String, _ right: String) -> Bool {
        let leftKey = sortKey(left)
        let rightKey = sortKey(right)
        return leftKey == rightKey ? left < right : leftKey.lexicographicallyPrecedes(rightKey)
    }

    /// Returns the numbers of a box's first part, with a letter part counted after every number:
    /// `I.2.a` gives [2, 1001], `I.21/I.22` gives [21].
    static func sortKey(_ box: String) -> [Int] {
        let first = box.split(separator: "/").first.map(String.init) ?? box
        var parts = first.split(separator: ".").map(String.init)
        if parts.first?.allSatisfy(\.isLetter) ?? false { parts.removeFirst() }
        return parts.map { part in
            if let number = Int(part) { return number }
            // Letters come after the plain box: a = 1001, b = 1002.
            return 1000 + Int(part.unicodeScalars.first.map { $0.value } ?? 96) - 96
        }
    }
}
