/// A check the engine can run for a rule; the rule files name it in `check`.
public protocol Check: Sendable {
    /// The name rule files use in `check`.
    static var name: String { get }
    /// Placeholders this check fills, beyond the common ones, so `rules check` can verify templates.
    static var placeholders: [String] { get }
    /// Parameters a rule of this check must give in `params`; loading fails without them.
    static var requiredParameters: [String] { get }
    func run(_ rule: Rule, _ context: inout CheckContext)
}

extension Check {
    public static var placeholders: [String] { [] }
    public static var requiredParameters: [String] { [] }
}

/// Every check, by the name rule files use for it.
public enum CheckRegistry {
    public static let checks: [any Check] = [
        RequiredCheck(), RequiredWithCheck(), RequiredGroupCheck(),
        FormatCheck(), PositiveCheck(), RangeCheck(), MaxLengthCheck(), PatternCheck(),
        CodeListCheck(), MemberOfCheck(), AllowedValuesCheck(), SpeciesCheck(),
        ContainerFormatCheck(), ContainerCheckDigitCheck(), IMOFormatCheck(), IMOCheckDigitCheck(),
        CNCodeFormatCheck(), CNCodeExcelDamageCheck(), CNCodeHSCheck(), CNModelCoveredCheck(), SpeciesForCNCheck(),
        ModelConflictCheck(), ModelDeclaredCheck(),
        AttachmentFilesCheck(), AttachmentCapCheck(),
        DateOrderCheck(), GrossNotBelowNetCheck(), DeclaredTotalCheck(),
        ExcelDamageCheck(),
        NoticeCheck(),
    ]

    /// The name of the pseudo-check whose rules word the events that pipeline stages emit.
    public static let eventCheckName = "event"

    public static let byName: [String: any Check] = Dictionary(
        uniqueKeysWithValues: checks.map { (type(of: $0).name, $0) })

    /// Placeholders every finding message may use.
    public static let commonPlaceholders = ["value", "expected", "label", "label_en", "label_zh", "box", "field", "line", "column", "consignment"]
}
