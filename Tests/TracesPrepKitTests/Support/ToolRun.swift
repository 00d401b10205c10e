import Foundation
import TracesPrepKit

/// What one run of the command line printed and returned.
struct ToolRun {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Collects the text a run writes to one stream.
private final class StreamBuffer {
    var text = ""
}

/// Runs `tracesprep` in process with the given arguments. The environment names no language
/// unless `environment` does, so messages default to zh-TW.
func runTool(_ arguments: [String], environment: [String: String] = [:]) -> ToolRun {
    let output = StreamBuffer()
    let error = StreamBuffer()
    let tool = CommandLineTool(
        environment: environment, executablePath: "/nonexistent/tracesprep",
        standardOutput: { output.text += $0 }, standardError: { error.text += $0 })
    let status = tool.run(arguments)
    return ToolRun(status: status, standardOutput: output.text, standardError: error.text)
}
