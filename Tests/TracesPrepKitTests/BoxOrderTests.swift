import Testing
@testable import TracesPrepKit

@Suite("Box order")
struct BoxOrderTests {
    @Test func boxesSortAsPrinted() {
        let shuffled = ["I.25", "I.10", "I.2.a", "I.21/I.22", "I.2", "I.9", "I.1", "I.3"]
        let sorted = shuffled.sorted(by: BoxOrder.areInIncreasingOrder)
        #expect(sorted == ["I.1", "I.2", "I.2.a", "I.3", "I.9", "I.10", "I.21/I.22", "I.25"])
    }
}
