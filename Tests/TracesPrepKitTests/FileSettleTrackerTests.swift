import Testing
import TracesPrepKit

/// Tests the settle tracker by feeding it hand-written scans and times, with a settle interval of 2 s.
@Suite struct FileSettleTrackerTests {
    static func snapshot(size: Int64, modified: Int64 = 1_000, inode: UInt64 = 7) -> FileSnapshot {
        FileSnapshot(device: 1, inode: inode, size: size, modificationTime: modified)
    }

    static func readyNames(_ action: FileSettleTracker.Action) -> [String] {
        action.ready.map(\.name)
    }

    @Test func newFileSettlesAfterInterval() {
        var tracker = FileSettleTracker(settleInterval: 2)
        let file = ["a.csv": Self.snapshot(size: 100)]

        #expect(Self.readyNames(tracker.scanned(file, at: 10)) == [])
        #expect(tracker.nextDeadline == 12)
        #expect(Self.readyNames(tracker.scanned(file, at: 11.9)) == [])
        let settled = tracker.scanned(file, at: 12)
        #expect(settled.ready == [.init(name: "a.csv", size: 100, waited: 2)])
        #expect(tracker.nextDeadline == nil)
    }

    @Test func growingFileRestartsClock() {
        var tracker = FileSettleTracker(settleInterval: 2)

        _ = tracker.scanned(["a.csv": Self.snapshot(size: 100, modified: 1)], at: 0)
        #expect(Self.readyNames(tracker.scanned(["a.csv": Self.snapshot(size: 200, modified: 2)], at: 1.5)) == [])
        #expect(tracker.nextDeadline == 3.5)
        #expect(Self.readyNames(tracker.scanned(["a.csv": Self.snapshot(size: 300, modified: 3)], at: 3)) == [])
        #expect(Self.readyNames(tracker.scanned(["a.csv": Self.snapshot(size: 300, modified: 3)], at: 4.9)) == [])
        let settled = tracker.scanned(["a.csv": Self.snapshot(size: 300, modified: 3)], at: 5)
        #expect(settled.ready == [.init(name: "a.csv", size: 300, waited: 5)])
    }

    @Test func modificationTimeAloneRestartsClock() {
        var tracker = FileSettleTracker(settleInterval: 2)

        _ = tracker.scanned(["a.csv": Self.snapshot(size: 100, modified: 1)], at: 0)
        #expect(Self.readyNames(tracker.scanned(["a.csv": Self.snapshot(size: 100, modified: 2)], at: 2)) == [])
        #expect(Self.readyNames(tracker.scanned(["a.csv": Self.snapshot(size: 100, modified: 2)], at: 4)) == ["a.csv"])
    }

    @Test func readyFileStaysReadyUntilHandedOver() {
        var tracker = FileSettleTracker(settleInterval: 2)
        let file = ["a.csv": Self.snapshot(size: 100)]
        _ = tracker.scanned(file, at: 0)

        #expect(Self.readyNames(tracker.scanned(file, at: 2)) == ["a.csv"])
        #expect(Self.readyNames(tracker.scanned(file, at: 3)) == ["a.csv"])
        tracker.handedOver("a.csv")
        #expect(Self.readyNames(tracker.scanned(file, at: 4)) == [])
        #expect(Self.readyNames(tracker.scanned(file, at: 100)) == [])
        #expect(tracker.nextDeadline == nil)
    }

    @Test func missingFileIsForgotten() {
        var tracker = FileSettleTracker(settleInterval: 2)
        let file = ["a.csv": Self.snapshot(size: 100)]
        _ = tracker.scanned(file, at: 0)

        #expect(Self.readyNames(tracker.scanned([:], at: 1)) == [])
        #expect(tracker.nextDeadline == nil)
        // Back with the same snapshot, it is a new file whose clock starts now.
        #expect(Self.readyNames(tracker.scanned(file, at: 2)) == [])
        #expect(Self.readyNames(tracker.scanned(file, at: 3.9)) == [])
        #expect(Self.readyNames(tracker.scanned(file, at: 4)) == ["a.csv"])
    }

    @Test func handedOverFileReturnsAfterMissingScan() {
        var tracker = FileSettleTracker(settleInterval: 2)
        let file = ["a.csv": Self.snapshot(size: 100)]
        _ = tracker.scanned(file, at: 0)
        _ = tracker.scanned(file, at: 2)
        tracker.handedOver("a.csv")

        _ = tracker.scanned([:], at: 3)
        #expect(Self.readyNames(tracker.scanned(file, at: 4)) == [])
        #expect(Self.readyNames(tracker.scanned(file, at: 6)) == ["a.csv"])
    }

    @Test func replacedFileAfterHandOverSettlesAgain() {
        var tracker = FileSettleTracker(settleInterval: 2)
        _ = tracker.scanned(["a.csv": Self.snapshot(size: 100, inode: 7)], at: 0)
        _ = tracker.scanned(["a.csv": Self.snapshot(size: 100, inode: 7)], at: 2)
        tracker.handedOver("a.csv")

        // Renamed over the old name between two scans, so it has the same size and time but another inode.
        let replacement = ["a.csv": Self.snapshot(size: 100, inode: 8)]
        #expect(Self.readyNames(tracker.scanned(replacement, at: 3)) == [])
        let settled = tracker.scanned(replacement, at: 5)
        #expect(settled.ready == [.init(name: "a.csv", size: 100, waited: 2)])
    }

    @Test func touchedFileAfterHandOverSettlesAgain() {
        var tracker = FileSettleTracker(settleInterval: 2)
        _ = tracker.scanned(["a.csv": Self.snapshot(size: 100, modified: 1)], at: 0)
        _ = tracker.scanned(["a.csv": Self.snapshot(size: 100, modified: 1)], at: 2)
        tracker.handedOver("a.csv")

        #expect(Self.readyNames(tracker.scanned(["a.csv": Self.snapshot(size: 100, modified: 9)], at: 3)) == [])
        #expect(Self.readyNames(tracker.scanned(["a.csv": Self.snapshot(size: 100, modified: 9)], at: 5)) == ["a.csv"])
    }

    @Test func temporaryAndHiddenNamesNeverReady() {
        var tracker = FileSettleTracker(settleInterval: 2)
        let names = ["~$x.xlsx", "~$x.csv", ".~lock.x.csv#", "x.csv.part", "x.tmp", "x.csv.tmp", ".hidden.csv", "x.csv~"]
        let files = Dictionary(uniqueKeysWithValues: names.map { ($0, Self.snapshot(size: 10)) })

        let first = tracker.scanned(files, at: 0)
        let later = tracker.scanned(files, at: 60)

        #expect(first.ready == [])
        #expect(first.skipped == [])
        #expect(later.ready == [])
        #expect(tracker.nextDeadline == nil)
    }

    @Test func otherFilesSkippedOnceAttachmentsQuietly() {
        var tracker = FileSettleTracker(settleInterval: 2)
        let files = [
            "notes.docx": Self.snapshot(size: 10), "scan.pdf": Self.snapshot(size: 10),
            "photo.JPG": Self.snapshot(size: 10), "b.xml": Self.snapshot(size: 10), "c.txt": Self.snapshot(size: 10),
        ]

        let first = tracker.scanned(files, at: 0)
        let second = tracker.scanned(files, at: 2)

        #expect(first.skipped == ["notes.docx"])
        #expect(second.skipped == [])
        #expect(Self.readyNames(second) == ["b.xml", "c.txt"])
    }

    @Test func readyFilesComeInNameOrder() {
        var tracker = FileSettleTracker(settleInterval: 2)
        let files = ["c.csv": Self.snapshot(size: 1), "a.csv": Self.snapshot(size: 2), "b.csv": Self.snapshot(size: 3)]
        _ = tracker.scanned(files, at: 0)

        #expect(Self.readyNames(tracker.scanned(files, at: 2)) == ["a.csv", "b.csv", "c.csv"])
    }

    @Test func nextDeadlineIsEarliestOfFiles() {
        var tracker = FileSettleTracker(settleInterval: 2)
        _ = tracker.scanned(["a.csv": Self.snapshot(size: 1)], at: 0)
        _ = tracker.scanned(["a.csv": Self.snapshot(size: 1), "b.csv": Self.snapshot(size: 1)], at: 1)

        #expect(tracker.nextDeadline == 2)
        _ = tracker.scanned(["a.csv": Self.snapshot(size: 5), "b.csv": Self.snapshot(size: 1)], at: 1.5)
        #expect(tracker.nextDeadline == 3)
    }

    // MARK: - Failed hand-overs

    @Test func failedHandOverRetriesWithBackoff() {
        var tracker = FileSettleTracker(settleInterval: 2)
        let file = ["a.csv": Self.snapshot(size: 100)]
        _ = tracker.scanned(file, at: 0)
        _ = tracker.scanned(file, at: 2)

        #expect(tracker.handOverFailed("a.csv", at: 2) == .init(failures: 1, delay: 1))
        #expect(tracker.nextDeadline == 3)
        #expect(Self.readyNames(tracker.scanned(file, at: 2.5)) == [])
        #expect(Self.readyNames(tracker.scanned(file, at: 3)) == ["a.csv"])

        #expect(tracker.handOverFailed("a.csv", at: 3) == .init(failures: 2, delay: 2))
        #expect(Self.readyNames(tracker.scanned(file, at: 4.9)) == [])
        #expect(Self.readyNames(tracker.scanned(file, at: 5)) == ["a.csv"])

        #expect(tracker.handOverFailed("a.csv", at: 5) == .init(failures: 3, delay: 4))
        #expect(Self.readyNames(tracker.scanned(file, at: 9)) == ["a.csv"])
        tracker.handedOver("a.csv")
        #expect(Self.readyNames(tracker.scanned(file, at: 100)) == [])
    }

    @Test func changeWhileRetryingRestartsSettling() {
        var tracker = FileSettleTracker(settleInterval: 2)
        _ = tracker.scanned(["a.csv": Self.snapshot(size: 100)], at: 0)
        _ = tracker.scanned(["a.csv": Self.snapshot(size: 100)], at: 2)
        _ = tracker.handOverFailed("a.csv", at: 2)
        _ = tracker.handOverFailed("a.csv", at: 2)

        // The exporter writes a corrected file, which settles again with a fresh failure count.
        #expect(Self.readyNames(tracker.scanned(["a.csv": Self.snapshot(size: 120, modified: 5)], at: 3)) == [])
        #expect(Self.readyNames(tracker.scanned(["a.csv": Self.snapshot(size: 120, modified: 5)], at: 5)) == ["a.csv"])
        #expect(tracker.handOverFailed("a.csv", at: 5) == .init(failures: 1, delay: 1))
    }

    @Test func fileGoneWhileRetryingIsForgotten() {
        var tracker = FileSettleTracker(settleInterval: 2)
        let file = ["a.csv": Self.snapshot(size: 100)]
        _ = tracker.scanned(file, at: 0)
        _ = tracker.scanned(file, at: 2)
        _ = tracker.handOverFailed("a.csv", at: 2)

        _ = tracker.scanned([:], at: 2.5)
        #expect(tracker.nextDeadline == nil)
        #expect(Self.readyNames(tracker.scanned(file, at: 3)) == [])
        #expect(Self.readyNames(tracker.scanned(file, at: 5)) == ["a.csv"])
    }

    @Test func handOverOfUnreadyFileStops() async {
        await #expect(processExitsWith: .failure) {
            var tracker = FileSettleTracker(settleInterval: 2)
            _ = tracker.scanned(["a.csv": FileSnapshot(device: 1, inode: 7, size: 1, modificationTime: 1)], at: 0)
            tracker.handedOver("a.csv")
        }
    }
}

/// Tests the delays of the retry back-off.
@Suite struct RetryBackoffTests {
    @Test func delaysDoubleUpToCap() {
        let backoff = RetryBackoff()
        let delays = (1...9).map { backoff.delay(afterFailures: $0) }

        #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60, 60])
        #expect(backoff.delay(afterFailures: 1_000) == 60)
    }
}
