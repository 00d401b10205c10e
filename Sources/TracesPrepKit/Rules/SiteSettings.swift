import Foundation

/// A deployment's settings from `Rules/site.json`: the pack in use, the authority table, the
/// attachment cap, the form of certificate references, the default language, severity overrides
/// and the folders. Command-line flags override the settings that have a flag.
public struct SiteSettings: Sendable {
    /// The source of the competent authorities of boxes I.3 and I.4.
    public enum AuthoritySource: Sendable {
        /// A file in the authorities.json format, relative to the Rules folder unless absolute.
        case file(String)
        /// A table written inside site.json, in the same format without `format_version`.
        case table(AuthorityTable)
    }

    /// The file the settings were read from; nil for the built-in settings.
    public var file: String?
    public var pack = RuleLibrary.defaultPack
    /// The language used when neither `--lang`, `TRACESPREP_LANG` nor `LANG` chooses one.
    public var language = Language.zhTW
    public var authorities = AuthoritySource.file("authorities.json")
    /// Replaces `params.max_bytes` of the rule `attachment-size-cap`; nil keeps the rule's value.
    public var attachmentCapBytes: Int?
    /// Becomes `params.pattern` of the rule `certificate-reference-format`; nil leaves that rule out.
    public var certificateReferencePattern: String?
    /// Becomes `params.example` of the same rule, shown in its message.
    public var certificateReferenceExample: String?
    /// A severity per rule id, replacing the severity in the rule files.
    public var severityOverrides: [String: Severity] = [:]
    /// Folder and file paths; relative paths are taken from the working directory, like the flags.
    public var inbox: String? = "Inbox"
    public var outbox: String? = "Outbox"
    public var archive: String?
    public var failed: String?
    public var ledger: String?
    /// Faults that do not stop the program, such as an unknown key.
    public var warnings: [RuleFileError] = []

    /// The built-in settings, used when the Rules folder has no `site.json`.
    public init() {}

    /// The file name looked for in the Rules folder.
    public static let fileName = "site.json"

    /// The rule that `attachment_cap_bytes` sets.
    public static let attachmentCapRule = "attachment-size-cap"
    /// The rule that `certificate_reference_pattern` and `certificate_reference_example` set.
    public static let referencePatternRule = "certificate-reference-format"

    /// Keys read from site.json. `note` is documentation.
    static let knownKeys: Set<String> = [
        "format_version", "pack", "language", "authorities", "attachment_cap_bytes", "certificate_reference_pattern",
        "certificate_reference_example", "severity_overrides", "folders", "note",
    ]
    static let folderKeys = ["inbox", "outbox", "archive", "failed", "ledger"]

    // MARK: - Locating

    /// Reads the site file named by `--site`, else `site.json` in the Rules folder when it exists,
    /// else returns the built-in settings.
    public static func locate(explicit: String?, rulesRoot: URL?) throws -> SiteSettings {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw RuleFileError(
                    file: explicit, path: "$",
                    message: LocalizedText(
                        zhTW: "找不到使用單位設定檔。請確認 --site 指定的路徑。", en: "site file not found. Check the path given with --site."))
            }
            return try load(URL(fileURLWithPath: explicit))
        }
        guard let rulesRoot else { return SiteSettings() }
        let url = rulesRoot.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return SiteSettings() }
        return try load(url)
    }

    // MARK: - Loading

    /// Reads a site file. A fault is a `RuleFileError` with the file and JSON path; an unknown key
    /// is a warning, kept in `warnings`.
    public static func load(_ url: URL) throws -> SiteSettings {
        let root = try JSONNode.load(url)
        try root.checkFormatVersion()
        var settings = SiteSettings()
        settings.file = url.path

        for key in try root.keys().sorted() where !knownKeys.contains(key) {
            settings.warnings.append(unknownKey(key, at: "$.\(key)", file: url.path, known: knownKeys))
        }

        if let node = try root.optional("pack") {
            settings.pack = try node.string()
        }
        if let node = try root.optional("language") {
            guard let language = Language(rawValue: try node.string()) else {
                throw node.fail("未知的語言；請用 zh-TW 或 en。", "unknown language; use zh-TW or en.")
            }
            settings.language = language
        }
        if let node = try root.optional("authorities") {
            settings.authorities = try loadAuthorities(node)
        }
        if let node = try root.optional("attachment_cap_bytes") {
            let bytes = try node.int()
            guard bytes > 0 else {
                throw node.fail("附件大小上限應為正整數（位元組）。", "the attachment cap must be a positive whole number of bytes.")
            }
            settings.attachmentCapBytes = bytes
        }
        try loadReferenceForm(root, into: &settings)

        if let node = try root.optional("severity_overrides") {
            for (ruleID, severityNode) in try node.members() {
                guard let severity = Severity(rawValue: try severityNode.string()) else {
                    throw severityNode.fail("未知的嚴重度；可用：error、warning、info。", "unknown severity; use error, warning or info.")
                }
                settings.severityOverrides[ruleID] = severity
            }
        }

        if let node = try root.optional("folders") {
            for key in try node.keys().sorted() where !folderKeys.contains(key) {
                settings.warnings.append(unknownKey(key, at: "$.folders.\(key)", file: url.path, known: Set(folderKeys)))
            }
            settings.inbox = try node.optional("inbox")?.string() ?? settings.inbox
            settings.outbox = try node.optional("outbox")?.string() ?? settings.outbox
            settings.archive = try node.optional("archive")?.string()
            settings.failed = try node.optional("failed")?.string()
            settings.ledger = try node.optional("ledger")?.string()
        }
        return settings
    }

    private static func loadAuthorities(_ node: JSONNode) throws -> AuthoritySource {
        if let path = node.stringValue {
            return .file(path)
        }
        guard case .object = node.value else {
            throw node.fail(
                "應為權責機關檔案的路徑（字串），或與 authorities.json 格式相同的物件。",
                "expected the path of an authority file (a string) or an object in the format of authorities.json.")
        }
        return .table(try AuthorityTable.load(node))
    }

    /// Reads the certificate reference pattern, which must compile, and its example, which must match it.
    private static func loadReferenceForm(_ root: JSONNode, into settings: inout SiteSettings) throws {
        let exampleNode = try root.optional("certificate_reference_example")
        settings.certificateReferenceExample = try exampleNode?.string()
        guard let patternNode = try root.optional("certificate_reference_pattern") else { return }
        let pattern = try patternNode.string()
        guard let expression = try? NSRegularExpression(pattern: "^(?:" + pattern + ")$") else {
            throw patternNode.fail("樣式「\(pattern)」無法編譯。", "the pattern '\(pattern)' does not compile.")
        }
        guard let example = settings.certificateReferenceExample, let exampleNode else {
            throw try root.required("certificate_reference_example").fail(
                "設定 certificate_reference_pattern 時也必須設定 certificate_reference_example，訊息才能顯示正確的格式。",
                "certificate_reference_example is required with certificate_reference_pattern, so messages can show the form.")
        }
        let range = NSRange(example.startIndex..., in: example)
        guard expression.firstMatch(in: example, range: range) != nil else {
            throw exampleNode.fail(
                "範例「\(example)」不符合 certificate_reference_pattern。",
                "the example '\(example)' does not match certificate_reference_pattern.")
        }
        settings.certificateReferencePattern = pattern
    }

    static func unknownKey(_ key: String, at path: String, file: String, known: Set<String>) -> RuleFileError {
        let names = known.sorted().joined(separator: ", ")
        return RuleFileError(
            file: file, path: path,
            message: LocalizedText(
                zhTW: "未知的鍵「\(key)」，已略過。可用的鍵：\(names)。",
                en: "unknown key '\(key)', ignored. Known keys: \(names)."))
    }
}
