import Testing

@testable import TracesPrepKit

/// Kept results of repeated work: computed once per argument, forgotten past the limit.
@Suite struct MemoTableTests {
    @Test func computesOncePerKey() {
        let table = MemoTable<String, Int>()
        var calls = 0
        let first = table.value(for: "ZZ") { calls += 1; return 7 }
        let again = table.value(for: "ZZ") { calls += 1; return 8 }
        let other = table.value(for: "XX") { calls += 1; return 9 }

        #expect(first == 7)
        #expect(again == 7)
        #expect(other == 9)
        #expect(calls == 2)
    }

    @Test func forgetsPastLimit() {
        let table = MemoTable<Int, Int>(limit: 2)
        var calls = 0
        for key in [1, 2, 3, 1] {
            _ = table.value(for: key) { calls += 1; return key * 10 }
        }
        // The third key empties the table, so the first is computed again.
        #expect(calls == 4)
    }
}
