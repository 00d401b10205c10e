import Foundation

/// Results of a pure function kept by argument, for work that repeats with the same input, such
/// as suggestions for a wrong code that an exporter typed on many rows. It can be used from
/// several threads, and it empties itself once it contains `limit` results.
final class MemoTable<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    // @unchecked: `results` is only read and written while `lock` is held.
    private let lock = NSLock()
    private var results: [Key: Value] = [:]
    private let limit: Int

    init(limit: Int = 10_000) {
        self.limit = limit
    }

    /// Returns the kept result for `key`, or computes, keeps and returns it. Two threads may both
    /// compute a missing result; both get the same value because the function is pure.
    func value(for key: Key, compute: () -> Value) -> Value {
        lock.lock()
        let known = results[key]
        lock.unlock()
        if let known { return known }
        let computed = compute()
        lock.lock()
        if results.count >= limit { results.removeAll(keepingCapacity: true) }
        results[key] = computed
        lock.unlock()
        return computed
    }
}
