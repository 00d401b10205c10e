import Foundation

extension RulePack {
    /// Applies a site's rule settings to the loaded rules, before they are verified: the attachment
    /// cap, the certificate reference form and the severity overrides. Returns warnings for
    /// overrides that name no rule of this pack. A setting whose rule the pack lacks is an error,
    /// because the site would otherwise believe a check runs that does not.
    mutating func apply(_ site: SiteSettings) throws -> [RuleFileError] {
        let siteFile = site.file ?? SiteSettings.fileName
        if let cap = site.attachmentCapBytes {
            try setParameters(
                [("max_bytes", String(cap))], ofRule: SiteSettings.attachmentCapRule, file: siteFile, path: "$.attachment_cap_bytes")
        }
        if let pattern = site.certificateReferencePattern {
            try setParameters(
                [("pattern", pattern), ("example", site.certificateReferenceExample ?? "")],
                ofRule: SiteSettings.referencePatternRule, file: siteFile, path: "$.certificate_reference_pattern")
        } else {
            // Without a site pattern the rule has nothing to check, unless its rule file gives one.
            rules.removeAll { $0.id == SiteSettings.referencePatternRule && $0.parameters["pattern"] == nil }
        }
        var warnings: [RuleFileError] = []
        for (ruleID, severity) in site.severityOverrides.sorted(by: { $0.key < $1.key }) {
            let indices = rules.indices.filter { rules[$0].id == ruleID }
            if indices.isEmpty {
                warnings.append(RuleFileError(
                    file: siteFile, path: "$.severity_overrides.\(ruleID)",
                    message: LocalizedText(
                        zhTW: "規則包「\(name)」沒有代碼為「\(ruleID)」的規則，此嚴重度設定未套用。請用 tracesprep rules list 查看規則代碼。",
                        en: "the pack '\(name)' has no rule '\(ruleID)', so this override is not applied. Run 'tracesprep rules list' for the rule ids.")))
            }
            for index in indices {
                rules[index].severity = severity
            }
        }
        return warnings
    }

    private mutating func setParameters(_ values: [(String, String)], ofRule ruleID: String, file: String, path: String) throws {
        guard let index = rules.firstIndex(where: { $0.id == ruleID }) else {
            throw RuleFileError(
                file: file, path: path,
                message: LocalizedText(
                    zhTW: "規則包「\(name)」沒有規則「\(ruleID)」，無法套用此設定。請在規則檔案中加回該規則。",
                    en: "the pack '\(name)' has no rule '\(ruleID)' to apply this setting to. Add the rule back to the rule files."))
        }
        for (key, value) in values {
            rules[index].parameters[key] = .text(value)
        }
    }
}
