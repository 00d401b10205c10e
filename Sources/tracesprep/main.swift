import Foundation
import TracesPrepKit

let arguments = Array(CommandLine.arguments.dropFirst())
let status = CommandLineTool(environment: ProcessInfo.processInfo.environment).run(arguments)
exit(status)
