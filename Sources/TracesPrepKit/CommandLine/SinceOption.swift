import Foundation

/// The `--since` value: the start of the period a command looks at.
public enum SinceOption {
    /// The period when `--since` is not given.
    public static let defaultValue = "24h"

    /// Parses `24h` or `7d` (hours or days before `now`), a date `2026-12-01` (midnight in Taiwan
    /// time, +08:00), or an ISO 8601 time. A time without a UTC offset is taken as Taiwan time.
    /// Throws a usage failure (exit 64) that quotes the value.
    public static func parse(_ value: String, now: Date) throws -> Date {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let match = text.wholeMatch(of: /([0-9]{1,6})([hd])/), let count = Int(match.1), count > 0 {
            let hours = match.2 == "d" ? count * 24 : count
            return now.addingTimeInterval(-Double(hours) * 3600)
        }
        if let match = text.wholeMatch(of: /([0-9]{4})-([0-9]{2})-([0-9]{2})/) {
            if let date = taiwanDate(year: Int(match.1)!, month: Int(match.2)!, day: Int(match.3)!, hour: 0, minute: 0, second: 0) {
                return date
            }
        } else if let date = LedgerTime.date(from: text) {
            return date
        } else if let match = text.wholeMatch(of: /([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?/) {
            let second = match.6.flatMap { Int($0) } ?? 0
            if let date = taiwanDate(
                year: Int(match.1)!, month: Int(match.2)!, day: Int(match.3)!,
                hour: Int(match.4)!, minute: Int(match.5)!, second: second)
            {
                return date
            }
        }
        throw CommandFailure(.usage, LocalizedText(
            zhTW: "--since 的值「\(value)」無效。請用 24h、7d（往前幾小時或幾天）、日期 2026-12-01（臺灣時間午夜）"
                + "或 ISO 8601 時間 2026-12-01T08:00:00+08:00。",
            en: "invalid --since value '\(value)'. Use 24h or 7d (hours or days back), a date 2026-12-01 "
                + "(midnight Taiwan time) or an ISO 8601 time 2026-12-01T08:00:00+08:00."))
    }

    /// Returns the instant of a Taiwan wall-clock time, or nil when a part is out of range.
    private static func taiwanDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Date? {
        guard (1...12).contains(month), (1...LocalDateTime.daysInMonth(year: year, month: month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        let local = LocalDateTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            offsetMinutes: LocalDateTime.taipeiOffsetMinutes)
        return Date(timeIntervalSince1970: Double(local.epochSeconds))
    }
}
