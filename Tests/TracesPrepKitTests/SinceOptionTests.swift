import Foundation
import Testing
@testable import TracesPrepKit

@Suite("--since option")
struct SinceOptionTests {
    /// 2026-12-04T20:00:00Z, which is 2026-12-05 04:00 in Taiwan.
    static let now = LedgerTime.date(from: "2026-12-04T20:00:00Z")!

    static func parsed(_ value: String) throws -> String {
        LedgerTime.string(from: try SinceOption.parse(value, now: now))
    }

    @Test func hoursBack() throws {
        #expect(try Self.parsed("24h") == "2026-12-03T20:00:00Z")
        #expect(try Self.parsed("36h") == "2026-12-03T08:00:00Z")
    }

    @Test func daysBack() throws {
        #expect(try Self.parsed("7d") == "2026-11-27T20:00:00Z")
        #expect(try Self.parsed("1d") == "2026-12-03T20:00:00Z")
    }

    @Test func dateIsTaiwanMidnight() throws {
        #expect(try Self.parsed("2026-12-01") == "2026-11-30T16:00:00Z")
        #expect(try Self.parsed("2024-02-29") == "2024-02-28T16:00:00Z")
    }

    @Test func isoTimeWithOffset() throws {
        #expect(try Self.parsed("2026-12-01T08:00:00+08:00") == "2026-12-01T00:00:00Z")
        #expect(try Self.parsed("2026-12-01T08:00:00Z") == "2026-12-01T08:00:00Z")
    }

    @Test func isoTimeWithoutOffsetIsTaiwanTime() throws {
        #expect(try Self.parsed("2026-12-01T08:00") == "2026-12-01T00:00:00Z")
        #expect(try Self.parsed("2026-12-01T08:00:30") == "2026-12-01T00:00:30Z")
    }

    @Test(arguments: ["yesterday", "24", "0h", "-1d", "1w", "", "2026-13-01", "2026-02-29", "2026-12-01T25:00", "2026/12/01"])
    func invalidValueIsUsageError(value: String) {
        do {
            _ = try SinceOption.parse(value, now: Self.now)
            Issue.record("'\(value)' was accepted")
        } catch let failure as CommandFailure {
            #expect(failure.status == .usage)
            #expect(failure.message.en.contains("invalid --since value '\(value)'"))
            #expect(failure.message.zhTW.contains("--since 的值「\(value)」無效"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
