import Foundation

/// The models, rule ids and events of one pack, which its rules refer to.
struct PackContext {
    var name: String
    var modelIDs: [String]
    /// The first place each rule id was defined, as "FILE $.rules[N]".
    var ruleOrigins: [String: String] = [:]
    var coveredEvents: Set<String> = []
}

extension RuleAudit {
    // MARK: - pack.json

    /// Audits `packs/NAME/pack.json`, its models and CN prefixes, and every rule file it names.
    mutating func auditPack(named name: String) {
        let folder = root.appendingPathComponent("packs").appendingPathComponent(name)
        let url = folder.appendingPathComponent("pack.json")
        guard let node = attempt({ try JSONNode.load(url) }) else { return }
        guard attempt({ try node.checkFormatVersion() }) != nil else { return }
        _ = attempt { try node.required("pack").string() }
        _ = attempt { try node.required("version").string() }
        _ = attempt { try node.required("title").localized() }

        let boxes = auditBoxes(node)
        auditBoxTitles(node, boxes: boxes)
        var context = PackContext(name: name, modelIDs: auditModels(node))
        auditExclusions(node)

        guard let files = attempt({ try node.required("rule_files").array() }) else { return }
        for fileNode in files {
            guard let fileName = attempt({ try fileNode.string() }) else { continue }
            let ruleURL = folder.appendingPathComponent(fileName).standardizedFileURL
            guard let ruleRoot = attempt({ try JSONNode.load(ruleURL) }),
                  attempt({ try ruleRoot.checkFormatVersion() }) != nil,
                  let rules = attempt({ try ruleRoot.required("rules").array() })
            else { continue }
            for ruleNode in rules {
                auditRule(ruleNode, in: &context)
            }
        }

        for event in EventName.all where !context.coveredEvents.contains(event) {
            error(
                url.path, "$.rule_files",
                zhTW: "規則包「\(name)」沒有處理事件「\(event)」的規則（check 為 event、params.event 為 \(event)）。",
                en: "the pack '\(name)' has no rule for the event '\(event)' (check 'event' with params.event '\(event)').")
        }
        if name == site.pack {
            auditSiteBindings(context)
        }
    }

    /// Checks that every key of `boxes` is a field id and returns the boxes used.
    private mutating func auditBoxes(_ node: JSONNode) -> Set<String> {
        guard let members = attempt({ try node.required("boxes").members() }) else { return [] }
        var boxes: Set<String> = []
        for (field, boxNode) in members {
            if let catalog, catalog[field] == nil {
                error(
                    node.file, boxNode.path,
                    zhTW: "boxes 列出未知的欄位「\(field)」。", en: "boxes names the unknown field '\(field)'.")
            }
            if let box = attempt({ try boxNode.string() }) { boxes.insert(box) }
        }
        return boxes
    }

    private mutating func auditBoxTitles(_ node: JSONNode, boxes: Set<String>) {
        guard let titles = attempt({ try node.optional("box_titles")?.members() }) ?? nil else { return }
        for (box, titleNode) in titles {
            if !boxes.contains(box) {
                error(
                    node.file, titleNode.path,
                    zhTW: "box_titles 中的「\(box)」不是此規則包 boxes 使用的欄位。",
                    en: "box_titles names the box '\(box)', which no field of boxes uses.")
            }
            _ = attempt { try titleNode.localized() }
        }
    }

    // MARK: - Models and CN prefixes

    /// Audits each model's id, name and CN prefixes, and returns the model ids.
    private mutating func auditModels(_ node: JSONNode) -> [String] {
        guard let models = attempt({ try node.required("models").array() }) else { return [] }
        var ids: [String] = []
        for model in models {
            guard let id = attempt({ try model.required("id").string() }) else { continue }
            if ids.contains(id) {
                error(node.file, model.path + ".id", zhTW: "證書格式代碼「\(id)」重複。", en: "duplicate model id '\(id)'.")
            }
            ids.append(id)
            _ = attempt { try model.required("name").localized() }
            guard let prefixes = attempt({ try model.required("cn_prefixes").array() }) else { continue }
            let reached = auditPrefixes(prefixes, owner: LocalizedText(zhTW: "證書格式「\(id)」", en: "model '\(id)'"))
            if prefixes.isEmpty {
                error(
                    node.file, model.path + ".cn_prefixes",
                    zhTW: "證書格式「\(id)」沒有 CN 前綴，因此任何一行都不會用到此格式。",
                    en: "the model '\(id)' has no CN prefix, so no line can take it.")
            } else if reached == 0 && !hsCodes.isEmpty && uncheckable(prefixes).isEmpty {
                error(
                    node.file, model.path,
                    zhTW: "證書格式「\(id)」沒有任何 CN 前綴對應到 HS 2022 號列，因此任何一行都不會用到此格式。",
                    en: "no CN prefix of the model '\(id)' reaches an HS 2022 code, so no line can take this model.")
            }
        }
        return ids
    }

    private mutating func auditExclusions(_ node: JSONNode) {
        guard let groups = attempt({ try node.optional("excluded_cn")?.array() }) ?? nil else { return }
        for group in groups {
            _ = attempt { try group.required("reason").localized() }
            if let prefixes = attempt({ try group.required("prefixes").array() }) {
                auditPrefixes(prefixes, owner: LocalizedText(zhTW: "排除清單", en: "the exclusion list"))
            }
        }
    }

    /// Checks each prefix's form and that some HS 2022 code starts with it. Prefixes in chapters
    /// the HS list does not hold cannot be checked: one warning names them. Returns how many
    /// prefixes reach a code.
    @discardableResult
    private mutating func auditPrefixes(_ nodes: [JSONNode], owner: LocalizedText) -> Int {
        var reached = 0
        for prefixNode in nodes {
            guard let prefix = attempt({ try prefixNode.string() }) else { continue }
            guard RulePack.isPrefix(prefix) else {
                error(
                    prefixNode.file, prefixNode.path,
                    zhTW: "CN 前綴「\(prefix)」應為 2 到 6 位數字。", en: "CN prefix '\(prefix)' must be 2 to 6 digits.")
                continue
            }
            guard !hsCodes.isEmpty, hsChapters.contains(String(prefix.prefix(2))) else { continue }
            if hsCodes.contains(where: { $0.hasPrefix(prefix) }) {
                reached += 1
            } else {
                error(
                    prefixNode.file, prefixNode.path,
                    zhTW: "沒有任何 HS 2022 號列以 CN 前綴「\(prefix)」開頭，因此沒有任何號列會符合。請檢查數字。",
                    en: "no HS 2022 code starts with the CN prefix '\(prefix)', so no code can match it. Check the digits.")
            }
        }
        let unchecked = uncheckable(nodes)
        if let first = nodes.first, !unchecked.isEmpty {
            let chapters = hsChapters.sorted().joined(separator: ", ")
            let list = unchecked.joined(separator: ", ")
            let parent = String(first.path[..<(first.path.lastIndex(of: "[") ?? first.path.endIndex)])
            warning(
                first.file, parent,
                zhTW: "\(owner.zhTW)的 CN 前綴 \(list) 所在的章不在 hs2022 代碼表中（只有第 \(chapters) 章），因此無法檢查。",
                en: "the CN prefixes \(list) of \(owner.en) lie in chapters the hs2022 list does not hold (it holds \(chapters)), so they were not checked.")
        }
        return reached
    }

    /// Well-formed prefixes whose chapter the HS list does not hold.
    private func uncheckable(_ nodes: [JSONNode]) -> [String] {
        guard !hsCodes.isEmpty else { return [] }
        return nodes.compactMap(\.stringValue).filter { prefix in
            RulePack.isPrefix(prefix) && !hsChapters.contains(String(prefix.prefix(2)))
        }
    }

    // MARK: - Site settings

    /// Checks that the rule each site setting fills a parameter of exists in the pack in use.
    private mutating func auditSiteBindings(_ context: PackContext) {
        let siteFile = site.file ?? root.appendingPathComponent(SiteSettings.fileName).path
        let bindings = [
            (site.attachmentCapBytes != nil, SiteSettings.attachmentCapRule, "$.attachment_cap_bytes"),
            (site.certificateReferencePattern != nil, SiteSettings.referencePatternRule, "$.certificate_reference_pattern"),
        ]
        for (isSet, ruleID, path) in bindings where isSet && context.ruleOrigins[ruleID] == nil {
            error(
                siteFile, path,
                zhTW: "規則包「\(context.name)」沒有規則「\(ruleID)」，無法套用此設定。",
                en: "the pack '\(context.name)' has no rule '\(ruleID)' to apply this setting to.")
        }
    }
}
