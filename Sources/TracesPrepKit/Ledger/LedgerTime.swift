import Foundation

/// The time formats around the ledger: ISO 8601 UTC text as stored, and Taiwan time for people.
public enum LedgerTime {
    /// Taiwan time, +08:00. Taiwan has had no daylight saving time since 1979, so a fixed offset is
    /// exact for every ledger date and needs no tz database on the server.
    public static let taiwan = TimeZone(secondsFromGMT: LocalDateTime.taipeiOffsetMinutes * 60)!

    /// Formats a time as the ledger stores it, `2026-12-04T20:00:00Z`. The ledger compares these
    /// strings as text, so every stored time must have exactly this form.
    public static func string(from date: Date) -> String {
        formatter(timeZone: TimeZone(secondsFromGMT: 0)!, format: "yyyy-MM-dd'T'HH:mm:ss'Z'").string(from: date)
    }

    /// Parses a stored time. Fractional seconds and a numeric offset are accepted too.
    public static func date(from text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// Formats a time in Taiwan time for people, `2026-12-05 04:00`.
    public static func taiwanDisplay(_ date: Date) -> String {
        formatter(timeZone: taiwan, format: "yyyy-MM-dd HH:mm").string(from: date)
    }

    /// Formats a stored time in Taiwan time, or returns the stored text unchanged when it does not parse.
    public static func taiwanDisplay(stored text: String) -> String {
        date(from: text).map(taiwanDisplay) ?? text
    }

    private static func formatter(timeZone: TimeZone, format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = format
        return formatter
    }
}
