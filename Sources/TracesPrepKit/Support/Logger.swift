import Foundation

/// Operational log lines for standard error: a UTC time, a level, a constant message and
/// `key=value` metadata, so officers and scripts can grep by file or event.
public struct Logger: Sendable {
    public enum Level: String, Sendable {
        case info, warning, error
    }

    private let sink: @Sendable (String) -> Void

    public init(sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    public func log(_ level: Level, _ message: String, _ metadata: [(String, String)] = []) {
        var line = "\(Self.timestamp()) \(level.rawValue) \(message)"
        for (key, value) in metadata {
            line += " \(key)=\(Self.quoted(value))"
        }
        sink(line)
    }

    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }
        if plain { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
