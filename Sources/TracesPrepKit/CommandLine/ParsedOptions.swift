/// The command and options given on the command line.
struct ParsedOptions {
    var command: String?
    var files: [String] = []
    var format = "text"
    var language: String?
    var rules: String?
    /// `--site`: the site settings file, instead of `site.json` in the Rules folder.
    var site: String?
    var pack: String?
    var inbox: String?
    var outbox: String?
    var archive: String?
    var failed: String?
    var ledger: String?
    /// `watch --settle`: seconds a file must stay unchanged.
    var settle: Double?
    /// `watch --poll`: seconds between scans. Giving it turns inotify off.
    var poll: Double?
    var since: String?
    /// `--max-size`: the largest input file read, in bytes (given in MiB).
    var maxFileBytes = FileValidator.defaultMaxFileBytes
    /// `--threads`: the most threads that check one file's consignments.
    var threads = RuleEngine.defaultThreads
    var help = false
    var version = false

    static let valueOptions = [
        "--format", "--lang", "--rules", "--site", "--pack", "--inbox", "--outbox", "--archive", "--failed", "--ledger", "--settle", "--poll",
        "--since", "--max-size", "--threads",
    ]

    static func parse(_ arguments: [String]) throws -> ParsedOptions {
        var options = ParsedOptions()
        var index = 0
        var onlyFiles = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyFiles || !argument.hasPrefix("-") || argument == "-" {
                if options.command == nil && !onlyFiles {
                    options.command = argument
                } else {
                    options.files.append(argument)
                }
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            switch name {
            case "--":
                onlyFiles = true
                continue
            case "-h", "--help":
                options.help = true
                continue
            case "--version":
                options.version = true
                continue
            default:
                break
            }
            guard valueOptions.contains(name) else {
                let suggestion = valueOptions.min { distance($0, name) < distance($1, name) } ?? "--help"
                throw CommandFailure(.usage, LocalizedText(
                    zhTW: "未知的選項「\(argument)」；是否要用 \(suggestion)？",
                    en: "unknown option '\(argument)'; did you mean \(suggestion)?"))
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count {
                value = arguments[index]
                index += 1
            } else {
                throw CommandFailure(.usage, LocalizedText(
                    zhTW: "選項 \(name) 需要一個值。", en: "option \(name) needs a value."))
            }
            switch name {
            case "--format":
                guard ["text", "json", "markdown"].contains(value) else {
                    throw CommandFailure(.usage, LocalizedText(
                        zhTW: "--format 只接受 text、json 或 markdown，不接受「\(value)」。",
                        en: "--format takes text, json or markdown, not '\(value)'."))
                }
                options.format = value
            case "--lang": options.language = value
            case "--rules": options.rules = value
            case "--site": options.site = value
            case "--pack": options.pack = value
            case "--inbox": options.inbox = value
            case "--outbox": options.outbox = value
            case "--archive": options.archive = value
            case "--failed": options.failed = value
            case "--ledger": options.ledger = value
            case "--settle": options.settle = try seconds(value, option: name)
            case "--poll": options.poll = try seconds(value, option: name)
            case "--since": options.since = value
            case "--max-size": options.maxFileBytes = try mebibytes(value, option: name) * 1024 * 1024
            case "--threads": options.threads = try threadCount(value, option: name)
            default: break
            }
        }
        return options
    }

    /// Shortest and longest accepted values of `--settle` and `--poll`. Below the minimum the loop
    /// would scan the folder almost without pause.
    static let secondsRange = 0.1...3600.0

    /// Parses a number of seconds written as digits with an optional decimal point (`2`, `0.5`).
    static func seconds(_ value: String, option: String) throws -> Double {
        // Double(_:) alone would also take "1e3", "0x10" and "inf".
        let onlyDigitsAndPoint = value.allSatisfy { $0 == "." || ("0"..."9").contains($0) }
        guard onlyDigitsAndPoint, let seconds = Double(value), secondsRange.contains(seconds) else {
            throw CommandFailure(.usage, LocalizedText(
                zhTW: "\(option) 需要 0.1 到 3600 之間的秒數（可用小數，例如 0.5），不接受「\(value)」。",
                en: "\(option) takes a number of seconds from 0.1 to 3600 (decimals allowed, such as 0.5), not '\(value)'."))
        }
        return seconds
    }

    /// Largest accepted `--max-size`, in MiB: a file is read whole into memory.
    static let maxSizeRange = 1...16_384

    /// Parses a whole number of MiB (`512`).
    static func mebibytes(_ value: String, option: String) throws -> Int {
        guard value.allSatisfy({ ("0"..."9").contains($0) }), let number = Int(value), maxSizeRange.contains(number) else {
            throw CommandFailure(.usage, LocalizedText(
                zhTW: "\(option) 需要 1 到 16384 之間的整數（單位 MiB，例如 512），不接受「\(value)」。",
                en: "\(option) takes a whole number of MiB from 1 to 16384 (such as 512), not '\(value)'."))
        }
        return number
    }

    /// Parses a thread count from 1 to 64.
    static func threadCount(_ value: String, option: String) throws -> Int {
        guard value.allSatisfy({ ("0"..."9").contains($0) }), let number = Int(value), (1...64).contains(number) else {
            throw CommandFailure(.usage, LocalizedText(
                zhTW: "\(option) 需要 1 到 64 之間的整數，不接受「\(value)」。",
                en: "\(option) takes a whole number from 1 to 64, not '\(value)'."))
        }
        return number
    }

    /// Levenshtein distance, to suggest the nearest option name.
    static func distance(_ left: String, _ right: String) -> Int {
        let a = Array(left)
        let b = Array(right)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
