import Foundation

/// `tracesprep rules check|list|explain`: tools for rule authors.
struct RulesCommand {
    var tool: CommandLineTool
    var options: ParsedOptions
    var language: Language

    func run() throws -> ExitStatus {
        let arguments = Array(options.files.dropFirst())
        switch options.files.first {
        case "check":
            try expectNoArguments(arguments, subcommand: "check")
            try expectFormat(["text"], subcommand: "check")
            return try check()
        case "list":
            try expectNoArguments(arguments, subcommand: "list")
            try expectFormat(["text", "markdown"], subcommand: "list")
            return try list()
        case "explain":
            try expectFormat(["text"], subcommand: "explain")
            guard arguments.count == 1 else {
                throw CommandFailure(.usage, LocalizedText(
                    zhTW: "rules explain 需要一個規則代碼，例如 tracesprep rules explain gross-below-net。",
                    en: "rules explain needs one rule id, such as 'tracesprep rules explain gross-below-net'."))
            }
            return try explain(arguments[0])
        default:
            guard let subcommand = options.files.first else {
                throw CommandFailure(.usage, LocalizedText(
                    zhTW: "rules 需要 check、list 或 explain。", en: "rules needs check, list or explain."))
            }
            throw CommandFailure(.usage, LocalizedText(
                zhTW: "rules 需要 check、list 或 explain，而不是「\(subcommand)」。",
                en: "rules needs check, list or explain, not '\(subcommand)'."))
        }
    }

    // MARK: - check

    /// Prints every fault as `FILE: $.PATH: SEVERITY: MESSAGE`, then a count. Exit 78 when any is an error.
    private func check() throws -> ExitStatus {
        let root = try rulesRoot()
        let diagnostics = RuleAudit.run(root: root, siteFile: options.site)
        for diagnostic in diagnostics {
            let word = TextReport.severityWord(diagnostic.severity, language)
            tool.standardOutput("\(diagnostic.file): \(diagnostic.path): \(word): \(diagnostic.message[language])\n")
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let packs = RuleLibrary.availablePacks(root: root).joined(separator: ", ")
        tool.standardOutput(LocalizedText(
            zhTW: "\(root.path)：錯誤 \(errors) 項、警告 \(warnings) 項（規則包：\(packs)）\n",
            en: "\(root.path): \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings") (packs: \(packs))\n")[language])
        return errors > 0 ? .config : .success
    }

    private func rulesRoot() throws -> URL {
        guard let root = RulesLocator.locate(explicit: options.rules, environment: tool.environment, executablePath: tool.executablePath) else {
            throw CommandFailure(.config, LocalizedText(
                zhTW: "找不到 Rules 資料夾；請用 --rules DIR 或環境變數 TRACESPREP_RULES 指定。",
                en: "cannot find the Rules folder; give it with --rules DIR or TRACESPREP_RULES."))
        }
        return root
    }

    // MARK: - list and explain

    private func reference() throws -> RuleReference {
        let library = try tool.loadLibrary(options)
        let site = try tool.loadSite(options)
        return RuleReference(library: library, site: site, language: language)
    }

    private func list() throws -> ExitStatus {
        let reference = try reference()
        tool.standardOutput(options.format == "markdown" ? reference.markdownList() : reference.textList())
        return .success
    }

    private func explain(_ ruleID: String) throws -> ExitStatus {
        let reference = try reference()
        let rules = reference.library.pack.rules
        guard let rule = rules.first(where: { $0.id == ruleID }) else {
            let nearest = rules.map(\.id).min { ParsedOptions.distance($0, ruleID) < ParsedOptions.distance($1, ruleID) } ?? ""
            let pack = reference.library.pack.name
            throw CommandFailure(.usage, LocalizedText(
                zhTW: "規則包「\(pack)」沒有規則「\(ruleID)」；是否要找「\(nearest)」？請用 tracesprep rules list 查看所有規則。",
                en: "the pack '\(pack)' has no rule '\(ruleID)'; did you mean '\(nearest)'? Run 'tracesprep rules list' for all rules."))
        }
        tool.standardOutput(reference.explanation(of: rule))
        return .success
    }

    // MARK: - Usage

    private func expectNoArguments(_ arguments: [String], subcommand: String) throws {
        guard let extra = arguments.first else { return }
        throw CommandFailure(.usage, LocalizedText(
            zhTW: "rules \(subcommand) 不接受其他參數，但收到「\(extra)」。",
            en: "rules \(subcommand) takes no arguments, but got '\(extra)'."))
    }

    private func expectFormat(_ formats: [String], subcommand: String) throws {
        guard !formats.contains(options.format) else { return }
        let list = formats.joined(separator: ", ")
        throw CommandFailure(.usage, LocalizedText(
            zhTW: "rules \(subcommand) 的 --format 只接受 \(list)，不接受「\(options.format)」。",
            en: "rules \(subcommand) takes --format \(list), not '\(options.format)'."))
    }
}
