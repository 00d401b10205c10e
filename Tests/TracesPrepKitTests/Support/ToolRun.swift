import Foundation
import TracesPrepKit

/// What one run of the command line printed and returned.
struct ToolRun {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Collects the text a run writes to one stream. The command line runs synchronously on the
/// test's thread, so the lock only satisfies the `@Sendable` output closures.
private final class StreamBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""

    var text: String { lock.withLock { collected } }

    func append(_ piece: String) {
        lock.withLock { collected += piece }
    }
}

/// Runs `tracesprep` in process with the given arguments. The environment names no language
/// unless `environment` does, so messages default to zh-TW.
func runTool(_ arguments: [String], environment: [String: String] = [:]) -> ToolRun {
    let output = StreamBuffer()
    let error = StreamBuffer()
    let tool = CommandLineTool(
        environment: environment, executablePath: "/nonexistent/tracesprep",
        standardOutput: { output.append($0) }, standardError: { error.append($0) })
    let status = tool.run(arguments)
    return ToolRun(status: status, standardOutput: output.text, standardError: error.text)
}
