/// A rule file, code list or data table that cannot be used; the program stops with exit 78.
public struct RuleFileError: Error, Sendable, Equatable {
    public var file: String
    /// JSON path of the offending value, such as `$.rules[3].severity`.
    public var path: String
    public var message: LocalizedText

    public init(file: String, path: String, message: LocalizedText) {
        self.file = file
        self.path = path
        self.message = message
    }

    public func describe(in language: Language) -> String {
        "\(file): \(path): \(message[language])"
    }
}
