import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The loop behind `tracesprep watch`: scans the inbox, hands each settled consignment file to
/// `process`, and waits for the next change, deadline or signal in one `poll(2)` call.
///
/// Every wake-up rescans the whole folder, so inotify only shortens the wait. An overflowed event
/// queue or a missed event costs time, never a file. SIGINT and SIGTERM end the loop between two
/// files, never inside `process`. SIGHUP calls `reload`.
public struct InboxWatcher {
    public struct Settings: Sendable {
        public var inbox: URL
        /// Seconds a file must stay unchanged before it is handed over.
        public var settleInterval: Double
        /// Seconds between scans when nothing else wakes the loop.
        public var pollInterval: Double
        /// Scan at `pollInterval` only, without inotify (set by an explicit `--poll`).
        public var pollingOnly: Bool

        public init(inbox: URL, settleInterval: Double = 2, pollInterval: Double = 2, pollingOnly: Bool = false) {
            self.inbox = inbox
            self.settleInterval = settleInterval
            self.pollInterval = pollInterval
            self.pollingOnly = pollingOnly
        }
    }

    /// Shortest time between two scans that inotify events trigger, so that a file written in many
    /// small pieces does not cause a scan per write.
    static let minimumEventScanGap = 0.1

    public var settings: Settings
    public var logger: Logger
    /// Language of the error texts in log lines. Log messages themselves stay constant English keys.
    public var language: Language
    private let signals: SignalReceiver
    private let process: (_ fileNames: [String]) throws -> Void
    private let reload: () throws -> Void

    /// - Parameters:
    ///   - signals: a receiver for SIGINT, SIGTERM and SIGHUP, created before other threads start.
    ///   - process: processes complete inbox files. The watcher passes one name per call, so that a
    ///     stop signal takes effect between files. An error is logged and the file is retried later.
    ///   - reload: loads the rule files again. An error is logged and the previous rules stay in use.
    public init(
        settings: Settings, logger: Logger, language: Language, signals: SignalReceiver,
        process: @escaping (_ fileNames: [String]) throws -> Void, reload: @escaping () throws -> Void
    ) {
        self.settings = settings
        self.logger = logger
        self.language = language
        self.signals = signals
        self.process = process
        self.reload = reload
    }

    /// Watches the inbox until SIGINT or SIGTERM arrives and returns that signal's number.
    public func run() -> Int32 {
        var events = openDirectoryEvents()
        logger.log(.info, "watch started", [
            ("inbox", settings.inbox.path), ("mode", events == nil ? "poll" : "inotify"),
            ("settle", Self.seconds(settings.settleInterval)), ("poll", Self.seconds(settings.pollInterval)),
        ])

        var tracker = FileSettleTracker(settleInterval: settings.settleInterval)
        let scanBackoff = RetryBackoff()
        var scanFailures = 0
        var lastScan = -Double.infinity
        var nextScan = Self.now()
        while true {
            if Self.now() >= nextScan {
                let scanTime = Self.now()
                lastScan = scanTime
                do {
                    let files = try FileSnapshot.scan(settings.inbox)
                    if scanFailures > 0 {
                        logger.log(.info, "inbox readable again", [("inbox", settings.inbox.path), ("failures", String(scanFailures))])
                        scanFailures = 0
                    }
                    let action = tracker.scanned(files, at: scanTime)
                    for name in action.skipped {
                        logger.log(.info, "file skipped: not a consignment file", [("file", name)])
                    }
                    if let stop = handOver(action.ready, tracker: &tracker) {
                        return stop
                    }
                    nextScan = min(Self.now() + settings.pollInterval, tracker.nextDeadline ?? .infinity)
                } catch {
                    scanFailures += 1
                    let delay = scanBackoff.delay(afterFailures: scanFailures)
                    logger.log(.error, "inbox scan failed; will retry", [
                        ("inbox", settings.inbox.path), ("attempt", String(scanFailures)), ("retry.in", Self.seconds(delay)),
                    ] + Self.metadata(for: error, language: language))
                    nextScan = scanTime + delay
                }
            }

            let wake = wait(until: nextScan, events: events)
            if wake.signal, let stop = handleSignals() {
                return stop
            }
            if wake.events, let directoryEvents = events {
                let batch = directoryEvents.drain()
                if batch.overflowed {
                    logger.log(.warning, "inotify queue overflowed; rescanning the inbox", [("inbox", settings.inbox.path)])
                }
                if batch.watchRemoved {
                    logger.log(.warning, "inotify watch ended; polling the inbox", [("inbox", settings.inbox.path)])
                    events = nil
                }
                // While a scan is failing, its back-off decides the next attempt, not the events.
                if scanFailures == 0 {
                    nextScan = min(nextScan, lastScan + Self.minimumEventScanGap)
                }
            }
        }
    }

    // MARK: - Steps

    /// Starts inotify unless polling was requested, and logs why when inotify cannot be used.
    private func openDirectoryEvents() -> DirectoryEvents? {
        guard !settings.pollingOnly else { return nil }
        do {
            return try DirectoryEvents(watching: settings.inbox)
        } catch {
            logger.log(.warning, "inotify unavailable; polling the inbox", [("inbox", settings.inbox.path)]
                + Self.metadata(for: error, language: language))
            return nil
        }
    }

    /// Hands the ready files to `process` one at a time. Returns a stop signal that arrived
    /// between two files, or nil when all were handed over or scheduled for a retry.
    private func handOver(_ ready: [FileSettleTracker.SettledFile], tracker: inout FileSettleTracker) -> Int32? {
        for file in ready {
            if let stop = handleSignals() {
                return stop
            }
            logger.log(.info, "file settled", [
                ("file", file.name), ("bytes", String(file.size)), ("waited", Self.seconds(file.waited)),
            ])
            do {
                try process([file.name])
                tracker.handedOver(file.name)
            } catch {
                let plan = tracker.handOverFailed(file.name, at: Self.now())
                logger.log(.error, "processing failed; will retry", [
                    ("file", file.name), ("attempt", String(plan.failures)), ("retry.in", Self.seconds(plan.delay)),
                ] + Self.metadata(for: error, language: language))
            }
        }
        return nil
    }

    /// Reads every queued signal. Reloads the rules on SIGHUP, and logs the stop and returns the
    /// signal when SIGINT or SIGTERM arrived.
    private func handleSignals() -> Int32? {
        while let signal = signals.nextSignal() {
            switch signal {
            case SIGHUP:
                do {
                    try reload()
                    logger.log(.info, "rules reloaded", [("signal", "SIGHUP")])
                } catch {
                    logger.log(.error, "rules reload failed; keeping the previous rules", [("signal", "SIGHUP")]
                        + Self.metadata(for: error, language: language))
                }
            default:
                logger.log(.info, "watch stopped", [("signal", SignalReceiver.name(of: signal))])
                return signal
            }
        }
        return nil
    }

    /// Blocks until `deadline` (a `now()` time), a signal or an inotify event, and returns which
    /// descriptors are readable.
    private func wait(until deadline: Double, events: DirectoryEvents?) -> (signal: Bool, events: Bool) {
        var descriptors = [pollfd(fd: signals.descriptor, events: Int16(POLLIN), revents: 0)]
        if let events {
            descriptors.append(pollfd(fd: events.descriptor, events: Int16(POLLIN), revents: 0))
        }
        // Whole milliseconds rounded up, so the loop does not wake just before the deadline and spin.
        let remaining = min(max(deadline - Self.now(), 0), 3600)
        let timeout = Int32((remaining * 1000).rounded(.up))
        guard poll(&descriptors, nfds_t(descriptors.count), timeout) > 0 else {
            // A timeout or EINTR, after which the loop checks the clock again.
            return (false, false)
        }
        let readable = { (descriptor: pollfd) in descriptor.revents & Int16(POLLIN | POLLERR | POLLHUP) != 0 }
        return (readable(descriptors[0]), descriptors.count > 1 && readable(descriptors[1]))
    }

    // MARK: - Helpers

    /// Seconds on a monotonic clock, which wall-clock changes do not move.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }

    /// Formats seconds for a log line to the millisecond without trailing zeros: `2s`, `0.25s`.
    static func seconds(_ value: Double) -> String {
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "s"
    }

    /// Returns log metadata for an error: its text in `language` and, for a rule file error, the
    /// file and JSON path.
    static func metadata(for error: any Error, language: Language) -> [(String, String)] {
        switch error {
        case let ruleError as RuleFileError:
            return [("rules.file", ruleError.file), ("json.path", ruleError.path), ("error", ruleError.message[language])]
        case let fileError as FileSystemError:
            return [("path", fileError.path), ("error", fileError.message[language])]
        case let inputError as InputFileError:
            return [("path", inputError.path), ("error", inputError.message[language])]
        case let failure as CommandFailure:
            return [("error", failure.message[language])]
        default:
            return [("error", String(describing: error))]
        }
    }
}
