/// Exit codes after sysexits.h, as the report contract fixes them.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// `validate`: at least one file rejected.
    case rejected = 65
    case usage = 64
    /// An input file or folder does not exist.
    case noInput = 66
    /// A file's verdict is incomplete, or an internal error.
    case incomplete = 70
    /// Disk full, permission denied and other I/O failures.
    case ioError = 74
    /// Another instance already holds the inbox.
    case busy = 75
    /// The rule files are invalid.
    case config = 78
}

/// A failure that ends a command, with its message for standard error and its exit code.
public struct CommandFailure: Error, Sendable {
    public var status: ExitStatus
    public var message: LocalizedText

    public init(_ status: ExitStatus, _ message: LocalizedText) {
        self.status = status
        self.message = message
    }

    /// Maps any error a command can meet to its text and exit code, in one place.
    public static func from(_ error: Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure:
            return failure
        case let ruleError as RuleFileError:
            return CommandFailure(.config, LocalizedText(
                zhTW: "規則檔案無效：\(ruleError.describe(in: .zhTW))",
                en: "invalid rule files: \(ruleError.describe(in: .en))"))
        case let inputError as InputFileError:
            return CommandFailure(inputError.notFound ? .noInput : .ioError, inputError.message)
        default:
            return CommandFailure(.incomplete, LocalizedText(
                zhTW: "內部錯誤：\(error)。請回報此問題。", en: "internal error: \(error). Please report this."))
        }
    }
}
