import Foundation

/// The `tracesprep` command line: parses arguments, runs a command and returns its exit code.
/// Standard output carries only what was asked for; messages and logs go to standard error.
public struct CommandLineTool {
    public var environment: [String: String]
    public var standardOutput: @Sendable (String) -> Void
    public var standardError: @Sendable (String) -> Void
    public var executablePath: String

    public init(
        environment: [String: String],
        executablePath: String = CommandLine.arguments.first ?? "tracesprep",
        standardOutput: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
        standardError: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.environment = environment
        self.executablePath = executablePath
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    public func run(_ arguments: [String]) -> Int32 {
        var options: ParsedOptions
        do {
            options = try ParsedOptions.parse(arguments)
        } catch let failure as CommandFailure {
            // Parsing stopped early, so find a --lang given anywhere on the line.
            let language = Language.resolve(flag: Self.languageFlag(in: arguments), environment: environment) ?? .zhTW
            return fail(failure, language: language, pointToHelp: true)
        } catch {
            return fail(CommandFailure.from(error), language: .zhTW, pointToHelp: false)
        }
        // The site's language applies when no flag or environment variable chooses one. A site file
        // that cannot be read stops a command below, but not --help or --version.
        let siteLanguage = (try? loadSite(options))?.language ?? .zhTW
        guard let language = Language.resolve(flag: options.language, environment: environment, fallback: siteLanguage) else {
            let failure = CommandFailure(.usage, LocalizedText(
                zhTW: "不支援的語言「\(options.language ?? "")」；請用 zh-TW 或 en。",
                en: "unsupported language '\(options.language ?? "")'; use zh-TW or en."))
            // The requested language is unknown, so the message is written in both.
            standardError("tracesprep: \(failure.message.zhTW)\ntracesprep: \(failure.message.en)\n")
            return failure.status.rawValue
        }
        if options.version {
            standardOutput("\(ToolInfo.name) \(ToolInfo.version)\n")
            return ExitStatus.success.rawValue
        }
        if options.help || options.command == nil {
            standardOutput(HelpText.text(for: options.command, language: language))
            return options.command == nil && !options.help ? ExitStatus.usage.rawValue : ExitStatus.success.rawValue
        }
        do {
            // rules check reports the faults of the site file itself, with those of the rule files.
            let auditsSite = options.command == "rules" && options.files.first == "check"
            let site = auditsSite ? ((try? loadSite(options)) ?? SiteSettings()) : try loadSite(options)
            if !auditsSite {
                report(site.warnings, language: language)
            }
            options.takeDefaults(from: site)
            if options.format == "markdown" && options.command != "rules" {
                throw CommandFailure(.usage, LocalizedText(
                    zhTW: "--format markdown 只用於 rules list。", en: "--format markdown is for rules list only."))
            }
            switch options.command {
            case "rules":
                return try RulesCommand(tool: self, options: options, language: language).run().rawValue
            case "validate":
                return try ValidateCommand(tool: self, options: options, language: language).run().rawValue
            case "run":
                return try RunCommand(tool: self, options: options, language: language).run().rawValue
            case "watch":
                return try WatchCommand(tool: self, options: options, language: language).run().rawValue
            case "summary":
                return try SummaryCommand(tool: self, options: options, language: language).run().rawValue
            case "status":
                return try StatusCommand(tool: self, options: options, language: language).run().rawValue
            case "history":
                return try HistoryCommand(tool: self, options: options, language: language).run().rawValue
            default:
                throw CommandFailure(.usage, LocalizedText(
                    zhTW: "未知的指令「\(options.command!)」；可用：validate、run、watch、summary、status、history、rules。",
                    en: "unknown command '\(options.command!)'; use validate, run, watch, summary, status, history or rules."))
            }
        } catch {
            let failure = CommandFailure.from(error)
            return fail(failure, language: language, pointToHelp: failure.status == .usage)
        }
    }

    /// Finds the value of `--lang X` or `--lang=X` anywhere among the arguments.
    static func languageFlag(in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang=") { return String(argument.dropFirst("--lang=".count)) }
            if argument == "--lang", index + 1 < arguments.count { return arguments[index + 1] }
        }
        return nil
    }

    private func fail(_ failure: CommandFailure, language: Language, pointToHelp: Bool) -> Int32 {
        var text = "tracesprep: " + failure.message[language] + "\n"
        if pointToHelp {
            text += language == .zhTW ? "請執行 tracesprep --help 查看用法。\n" : "Run 'tracesprep --help' for usage.\n"
        }
        standardError(text)
        return failure.status.rawValue
    }

    /// Loads the rule files named by the options, or stops with exit 78.
    func loadLibrary(_ options: ParsedOptions) throws -> RuleLibrary {
        guard let root = RulesLocator.locate(explicit: options.rules, environment: environment, executablePath: executablePath) else {
            throw CommandFailure(.config, LocalizedText(
                zhTW: "找不到 Rules 資料夾；請用 --rules DIR 或環境變數 TRACESPREP_RULES 指定。",
                en: "cannot find the Rules folder; give it with --rules DIR or TRACESPREP_RULES."))
        }
        // The site file is read again here, so that SIGHUP in watch also reloads its rule settings.
        let site = try SiteSettings.locate(explicit: options.site, rulesRoot: root)
        let library = try RuleLibrary.load(root: root, pack: options.pack, site: site)
        let language = Language.resolve(flag: options.language, environment: environment, fallback: site.language) ?? .zhTW
        report(library.warnings, language: language)
        return library
    }

    /// Reads the site settings: `--site FILE`, else `site.json` in the Rules folder, else the
    /// built-in settings. A fault stops the command with exit 78.
    func loadSite(_ options: ParsedOptions) throws -> SiteSettings {
        let root = RulesLocator.locate(explicit: options.rules, environment: environment, executablePath: executablePath)
        return try SiteSettings.locate(explicit: options.site, rulesRoot: root)
    }

    /// Prints faults in the rule or site files that do not stop the program, one a line on standard error.
    func report(_ warnings: [RuleFileError], language: Language) {
        for warning in warnings {
            let word = TextReport.severityWord(.warning, language)
            standardError("tracesprep: \(word): \(warning.describe(in: language))\n")
        }
    }
}
