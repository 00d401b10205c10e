/// Decides when a file dropped into the inbox is complete. A consignment file counts as settled
/// once its snapshot (device, inode, size, modification time) stayed the same for the settle
/// interval. The tracker does no I/O, so the caller scans the folder and passes the time of each
/// scan in seconds on a monotonic clock.
///
/// The life of one name: unknown → settling → ready → handed over, or ready → retrying → ready
/// after a failed hand-over. A change sends any state back to settling, and a name missing from
/// a scan is forgotten.
public struct FileSettleTracker: Sendable {
    /// The caller's work after a scan.
    public struct Action: Sendable, Equatable {
        /// Settled files to hand to the processor, in name order.
        public var ready: [SettledFile] = []
        /// Names seen for the first time that are not consignment files, attachments or temporary
        /// files. Each is listed once while it stays in the folder, so the caller can log it once.
        public var skipped: [String] = []
    }

    /// A file ready to be handed over.
    public struct SettledFile: Sendable, Equatable {
        public var name: String
        public var size: Int64
        /// Seconds from the scan that first saw the file to the scan that found it settled.
        public var waited: Double

        public init(name: String, size: Int64, waited: Double) {
            self.name = name
            self.size = size
            self.waited = waited
        }
    }

    /// The retry schedule of a file whose hand-over failed.
    public struct RetryPlan: Sendable, Equatable {
        /// Failed hand-overs of this file in a row, 1 or more.
        public var failures: Int
        /// Seconds until the file is ready again.
        public var delay: Double

        public init(failures: Int, delay: Double) {
            self.failures = failures
            self.delay = delay
        }
    }

    private enum State: Equatable {
        /// Changed less than the settle interval ago.
        case settling
        /// Settled and not yet handed over.
        case ready
        /// The last hand-over failed. Ready again at `retryAt`.
        case retrying(failures: Int, retryAt: Double)
        /// Handed over. Not returned again while the snapshot stays the same.
        case handedOver
        /// Not a consignment file, already reported.
        case skipped
    }

    private struct Record {
        var snapshot: FileSnapshot
        var firstSeen: Double
        var lastChange: Double
        var state: State
    }

    /// Seconds a file must stay unchanged before it is handed over.
    public let settleInterval: Double
    public let backoff: RetryBackoff
    private var records: [String: Record] = [:]

    public init(settleInterval: Double, backoff: RetryBackoff = RetryBackoff()) {
        precondition(settleInterval > 0, "the settle interval must be positive, got \(settleInterval)")
        self.settleInterval = settleInterval
        self.backoff = backoff
    }

    // MARK: - Events

    /// Records a full scan of the folder made at `now`, given as every regular file in it with
    /// its snapshot. Returns the files to hand over now and the names to report as skipped.
    public mutating func scanned(_ files: [String: FileSnapshot], at now: Double) -> Action {
        for name in records.keys where files[name] == nil {
            records[name] = nil
        }

        var action = Action()
        for name in files.keys.sorted() {
            let snapshot = files[name]!
            guard var record = records[name] else {
                if InboxFilter.isConsignmentFile(name) {
                    records[name] = Record(snapshot: snapshot, firstSeen: now, lastChange: now, state: .settling)
                } else if !InboxFilter.isIgnoredQuietly(name) {
                    records[name] = Record(snapshot: snapshot, firstSeen: now, lastChange: now, state: .skipped)
                    action.skipped.append(name)
                }
                continue
            }
            if record.state == .skipped { continue }

            if record.snapshot != snapshot {
                // A replaced file (new device or inode) after its hand-over is a new drop, so its
                // waiting time starts again too.
                if record.state == .handedOver { record.firstSeen = now }
                record.snapshot = snapshot
                record.lastChange = now
                record.state = .settling
            }
            switch record.state {
            case .settling where now - record.lastChange >= settleInterval:
                record.state = .ready
                action.ready.append(SettledFile(name: name, size: snapshot.size, waited: now - record.firstSeen))
            case .ready:
                action.ready.append(SettledFile(name: name, size: snapshot.size, waited: now - record.firstSeen))
            case .retrying(_, let retryAt) where now >= retryAt:
                action.ready.append(SettledFile(name: name, size: snapshot.size, waited: now - record.firstSeen))
            case .settling, .retrying, .handedOver, .skipped:
                break
            }
            records[name] = record
        }
        return action
    }

    /// Records that the processor took `name`, which the last scan returned as ready.
    public mutating func handedOver(_ name: String) {
        guard var record = records[name] else {
            preconditionFailure("handedOver(\"\(name)\") for a name the tracker does not know")
        }
        switch record.state {
        case .ready, .retrying:
            record.state = .handedOver
            records[name] = record
        case .settling, .handedOver, .skipped:
            preconditionFailure("handedOver(\"\(name)\") in state \(record.state)")
        }
    }

    /// Records that handing over `name` failed at `now`. The file stays known with its snapshot
    /// and becomes ready again after the back-off delay.
    public mutating func handOverFailed(_ name: String, at now: Double) -> RetryPlan {
        guard var record = records[name] else {
            preconditionFailure("handOverFailed(\"\(name)\") for a name the tracker does not know")
        }
        let failures: Int
        switch record.state {
        case .ready:
            failures = 1
        case .retrying(let earlier, _):
            failures = earlier + 1
        case .settling, .handedOver, .skipped:
            preconditionFailure("handOverFailed(\"\(name)\") in state \(record.state)")
        }
        let delay = backoff.delay(afterFailures: failures)
        record.state = .retrying(failures: failures, retryAt: now + delay)
        records[name] = record
        return RetryPlan(failures: failures, delay: delay)
    }

    // MARK: - Queries

    /// The earliest time at which a scan could find another file ready: the end of a settle
    /// interval or a retry delay. Nil when no file is waiting for either.
    public var nextDeadline: Double? {
        records.values.compactMap { record -> Double? in
            switch record.state {
            case .settling: return record.lastChange + settleInterval
            case .retrying(_, let retryAt): return retryAt
            case .ready, .handedOver, .skipped: return nil
            }
        }.min()
    }
}
