import Foundation

/// What a check sees of one consignment: its normalised values, the models its lines allow,
/// the model chosen for it, and a way to report findings in the words of the rule.
public struct CheckContext {
    public let library: RuleLibrary
    public let consignment: NormalizedConsignment
    /// The header as written in the file for each field id present.
    public let columns: [String: String]
    /// Folder that attached files are resolved in; nil when attachments cannot be checked.
    public let attachmentFolder: URL?
    /// For each commodity line, the models of the pack that allow its CN code.
    public let lineModels: [[CertificateModel]]
    /// The certificate model of the consignment, when one could be chosen.
    public let model: CertificateModel?
    public let totals: Totals
    public private(set) var findings: [Finding] = []

    init(
        library: RuleLibrary, consignment: NormalizedConsignment, columns: [String: String], attachmentFolder: URL?,
        lineModels: [[CertificateModel]], model: CertificateModel?, totals: Totals
    ) {
        self.totals = totals
        self.library = library
        self.consignment = consignment
        self.columns = columns
        self.attachmentFolder = attachmentFolder
        self.lineModels = lineModels
        self.model = model
    }

    /// Models in force for a line (or, with nil, for the consignment): the chosen model, else
    /// the models the lines allow.
    public func effectiveModels(line: Int?) -> [String] {
        if let model { return [model.id] }
        if let line { return lineModels[line].map(\.id) }
        var ids: [String] = []
        for models in lineModels {
            for model in models where !ids.contains(model.id) { ids.append(model.id) }
        }
        return ids
    }

    /// True when the rule's `when` condition holds for the consignment (and line, if given).
    public func applies(_ rule: Rule, line: Int? = nil) -> Bool {
        guard let condition = rule.condition else { return true }
        if let models = condition.models {
            let effective = effectiveModels(line: line)
            if effective.isEmpty || !effective.allSatisfy(models.contains) { return false }
        }
        if let field = condition.field {
            let value = line.map { consignment.lines[$0] }?[field] ?? consignment.header[field]
            if let present = condition.present, present != (value != nil) { return false }
            if let equals = condition.equals {
                guard let value else { return false }
                let key = TextNormalization.key(value.code ?? value.text)
                if !equals.contains(where: { TextNormalization.key($0) == key }) { return false }
            }
        }
        return true
    }

    /// Records a finding for `rule` about `field` at `location`, filling the message placeholders.
    public mutating func report(
        _ rule: Rule, field: String?, location: SourceLocation, value: String? = nil, expected: String? = nil,
        details: [String: String] = [:], localized: [String: LocalizedText] = [:]
    ) {
        let finding = library.finding(
            for: rule, field: field, consignment: consignment.reference, location: location, value: value,
            expected: expected, details: details, localized: localized)
        findings.append(finding)
    }

    /// The location of a field in a group: the group's row and the field's column, read or not.
    /// An XML file has no columns, so a missing field points at the group's element path.
    public func location(of field: String, in group: NormalizedValues) -> SourceLocation {
        if let value = group[field] { return value.source.location }
        var location = group.location
        location.column = columns[field] ?? group.location.column
        return location
    }
}

/// Sums over the commodity lines, nil when a line's value is missing or invalid.
public struct Totals: Sendable, Equatable {
    public var packages: Int?
    /// Total net weight in kg, summed exactly.
    public var netWeight: Decimal?

    public init(lines: [NormalizedValues]) {
        var packages: Int? = lines.isEmpty ? nil : 0
        var net: Decimal? = lines.isEmpty ? nil : 0
        for line in lines {
            if let count = line["package_count"]?.integer, let sum = packages { packages = sum + count } else { packages = nil }
            if let weight = line["net_weight"]?.decimal, let sum = net { net = sum + weight } else { net = nil }
        }
        self.packages = packages
        self.netWeight = net
    }
}
