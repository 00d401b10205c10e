/// Delays between attempts after repeated failures. The delay doubles after each failure, from
/// `initial` up to `maximum` seconds (1 s, 2 s, 4 s … 60 s by default).
public struct RetryBackoff: Sendable, Equatable {
    public var initial: Double
    public var maximum: Double

    public init(initial: Double = 1, maximum: Double = 60) {
        self.initial = initial
        self.maximum = maximum
    }

    /// Returns the delay in seconds before the next attempt, after `failures` failures in a row (1 or more).
    public func delay(afterFailures failures: Int) -> Double {
        precondition(failures >= 1, "delay(afterFailures:) needs at least one failure, got \(failures)")
        // A shift of 63 or more leaves Int's range, but the cap is reached long before that.
        let doublings = min(failures - 1, 62)
        return min(maximum, initial * Double(1 << doublings))
    }
}
