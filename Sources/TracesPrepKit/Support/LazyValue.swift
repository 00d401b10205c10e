import Foundation

/// A value that is computed on first use and then kept, for indexes that loading should not pay
/// for. It can be read from several threads: the first reader computes the value under a lock,
/// and readers that arrive meanwhile wait for it.
final class LazyValue<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `stored` is only read and written while `lock` is held, and `compute` is Sendable.
    private let lock = NSLock()
    private var stored: Value?
    private let compute: @Sendable () -> Value

    init(_ compute: @escaping @Sendable () -> Value) {
        self.compute = compute
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let computed = compute()
        stored = computed
        return computed
    }
}
