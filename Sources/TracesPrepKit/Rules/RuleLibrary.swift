import Foundation

/// Everything loaded from a `Rules/` folder: field catalog, code lists, the selected pack,
/// the authority table and the establishment list.
public struct RuleLibrary: Sendable {
    public var root: URL
    public var catalog: FieldCatalog
    public var codeLists: [String: CodeList]
    public var pack: RulePack
    public var authorities: AuthorityTable
    public var establishments: EstablishmentList
    /// Rules of the `event` check, by event name.
    public var eventRules: [String: Rule]
    public var species: SpeciesIndex
    public var hsIndex: HSIndex
    /// The bytes of `xml/consignments.xsd`, the schema of TracesPrep's consignment XML. It is
    /// compiled afresh for each document, so no compiled schema is shared between threads.
    public var consignmentSchema: [UInt8]
    /// Faults in the site settings that did not stop loading, such as an override for an unknown rule.
    public var warnings: [RuleFileError] = []

    public static let defaultPack = "bsmi-2020"

    /// Loads and cross-checks the rule files with a site's settings applied; any fault is a
    /// `RuleFileError` naming file and JSON path. `pack` defaults to the site's pack, and the
    /// default site is the built-in one, not `site.json`.
    public static func load(root: URL, pack requestedPack: String? = nil, site: SiteSettings = SiteSettings()) throws -> RuleLibrary {
        let packName = requestedPack ?? site.pack

        let catalog = try FieldCatalog.load(root.appendingPathComponent("fields.json"))
        let listFolder = root.appendingPathComponent("codelists")
        var codeLists: [String: CodeList] = [:]
        let listFiles = (try? FileManager.default.contentsOfDirectory(atPath: listFolder.path)) ?? []
        for fileName in listFiles.sorted() where fileName.hasSuffix(".json") {
            let name = String(fileName.dropLast(5))
            codeLists[name] = try CodeList.load(listFolder.appendingPathComponent(fileName), expectedName: name)
        }
        let packFolder = root.appendingPathComponent("packs").appendingPathComponent(packName)
        guard FileManager.default.fileExists(atPath: packFolder.appendingPathComponent("pack.json").path) else {
            let available = availablePacks(root: root).joined(separator: ", ")
            throw RuleFileError(
                file: packFolder.appendingPathComponent("pack.json").path, path: "$",
                message: LocalizedText(
                    zhTW: "找不到規則包「\(packName)」。可用的規則包：\(available)。",
                    en: "rule pack '\(packName)' not found. Available packs: \(available)."))
        }

        var pack = try RulePack.load(folder: packFolder)
        let warnings = try pack.apply(site)

        let authorities: AuthorityTable
        switch site.authorities {
        case .file(let path):
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
            authorities = try AuthorityTable.load(url)
        case .table(let table):
            authorities = table
        }
        var library = RuleLibrary(
            root: root, catalog: catalog, codeLists: codeLists, pack: pack, authorities: authorities,
            establishments: try EstablishmentList.load(root.appendingPathComponent("establishments.json")),
            eventRules: [:], species: SpeciesIndex(list: codeLists["species"]), hsIndex: HSIndex(list: codeLists["hs2022"]),
            consignmentSchema: try loadConsignmentSchema(root.appendingPathComponent("xml/consignments.xsd")))
        library.warnings = warnings
        for index in library.pack.rules.indices {
            let rule = library.pack.rules[index]
            if rule.fields.isEmpty {
                let types = Set(rule.listParameter("types"))
                library.pack.rules[index].fieldsOfTypes = catalog.fields.filter { types.contains($0.type.rawValue) }.map(\.id)
            }
            library.pack.rules[index].compiledPattern = rule.parameter("pattern").flatMap(CompiledPattern.init(wholeValue:))
            // The catalogue's own strings for field ids: values are stored under them, and equal
            // strings that share storage compare without reading their bytes.
            library.pack.rules[index].fields = rule.fields.map { catalog[$0]?.id ?? $0 }
            if let field = rule.condition?.field {
                library.pack.rules[index].condition?.field = catalog[field]?.id ?? field
            }
        }
        return try library.verified()
    }

    /// Reads the consignment XSD and checks that libxml2 compiles it without loading anything else.
    private static func loadConsignmentSchema(_ url: URL) throws -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw RuleFileError(
                file: url.path, path: "$",
                message: LocalizedText(
                    zhTW: "無法讀取 XML 結構描述（XSD）：\(error.localizedDescription)。",
                    en: "cannot read the XML schema (XSD): \(error.localizedDescription)."))
        }
        if let failure = SafeXMLParser.schemaFailure(bytes) {
            throw RuleFileError(
                file: url.path, path: "$",
                message: LocalizedText(
                    zhTW: "XML 結構描述（XSD）無法編譯：\(failure)。", en: "the XML schema (XSD) does not compile: \(failure)."))
        }
        return bytes
    }

    /// Names of the folders in `packs/` that hold a `pack.json`, sorted. Folders of shared rule
    /// files, such as `packs/common`, are not packs.
    public static func availablePacks(root: URL) -> [String] {
        let packs = root.appendingPathComponent("packs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: packs.path)) ?? []
        return names.filter { name in
            FileManager.default.fileExists(atPath: packs.appendingPathComponent(name).appendingPathComponent("pack.json").path)
        }.sorted()
    }

    /// Checks that every rule names a known check, known fields and lists, and that every
    /// event the stages emit has a rule, then indexes the event rules.
    private func verified() throws -> RuleLibrary {
        var copy = self
        let requiredLists = ["countries", "eu-member-states", "units", "species", "hs2022"]
        for name in requiredLists where codeLists[name] == nil {
            throw RuleFileError(
                file: root.appendingPathComponent("codelists/\(name).json").path, path: "$",
                message: LocalizedText(zhTW: "缺少必要的代碼表「\(name)」。", en: "the required code list '\(name)' is missing."))
        }
        for field in catalog.fields {
            if let list = field.list, codeLists[list] == nil {
                throw RuleFileError(
                    file: root.appendingPathComponent("fields.json").path, path: "$.fields[id=\(field.id)].list",
                    message: LocalizedText(
                        zhTW: "欄位「\(field.id)」使用的代碼表「\(list)」不存在。",
                        en: "field '\(field.id)' uses the code list '\(list)', which does not exist."))
            }
        }
        for rule in pack.rules {
            /// Builds the error for a fault in this rule. `member` extends the rule's JSON path to the
            /// offending value, such as `.check`.
            func fail(_ zhTW: String, _ en: String, at member: String = "") -> RuleFileError {
                // The origin is "FILE $.PATH". Split it at the last " $" because the file path may contain spaces.
                guard let separator = rule.origin.range(of: " $", options: .backwards) else {
                    return RuleFileError(file: rule.origin, path: "$" + member, message: LocalizedText(zhTW: zhTW, en: en))
                }
                return RuleFileError(
                    file: String(rule.origin[..<separator.lowerBound]),
                    path: String(rule.origin[rule.origin.index(after: separator.lowerBound)...]) + member,
                    message: LocalizedText(zhTW: zhTW, en: en))
            }
            if rule.check == CheckRegistry.eventCheckName {
                guard let event = rule.parameter("event") else {
                    throw fail("event 規則必須以 params.event 指定事件名稱。", "an event rule needs params.event naming the event.",
                               at: ".params.event")
                }
                guard EventName.all.contains(event) else {
                    throw fail("未知的事件「\(event)」。", "unknown event '\(event)'.", at: ".params.event")
                }
                copy.eventRules[event] = rule
            } else if let check = CheckRegistry.byName[rule.check] {
                for name in type(of: check).requiredParameters where rule.parameters[name] == nil {
                    throw fail(
                        "規則「\(rule.id)」的檢查「\(rule.check)」需要參數 params.\(name)。",
                        "rule '\(rule.id)': the check '\(rule.check)' needs the parameter params.\(name).",
                        at: ".params")
                }
            } else {
                let names = CheckRegistry.byName.keys.sorted().joined(separator: ", ")
                throw fail("規則「\(rule.id)」使用未知的檢查「\(rule.check)」；可用：\(names)。",
                           "rule '\(rule.id)' uses the unknown check '\(rule.check)'; known checks: \(names).",
                           at: ".check")
            }
            let fieldPaths = rule.fields.enumerated().map { (".fields[\($0.offset)]", $0.element) }
                + [rule.condition?.field].compactMap { $0 }.map { (".when.field", $0) }
            for (member, field) in fieldPaths where catalog[field] == nil {
                throw fail(
                    "規則「\(rule.id)」使用未知的欄位「\(field)」。", "rule '\(rule.id)' names the unknown field '\(field)'.", at: member)
            }
            for name in ["list"] {
                if let list = rule.parameter(name), codeLists[list] == nil {
                    throw fail("規則「\(rule.id)」使用不存在的代碼表「\(list)」。", "rule '\(rule.id)' uses the code list '\(list)', which does not exist.",
                               at: ".params.\(name)")
                }
            }
            if let models = rule.condition?.models {
                for (index, model) in models.enumerated() where pack.model(id: model) == nil {
                    throw fail(
                        "規則「\(rule.id)」使用未知的證書格式「\(model)」。", "rule '\(rule.id)' names the unknown certificate model '\(model)'.",
                        at: ".when.models[\(index)]")
                }
            }
            if let pattern = rule.parameter("pattern"), (try? NSRegularExpression(pattern: pattern)) == nil {
                throw fail("規則「\(rule.id)」的樣式「\(pattern)」無法編譯。", "rule '\(rule.id)' has a pattern that does not compile: \(pattern)",
                           at: ".params.pattern")
            }
        }
        for event in EventName.all where copy.eventRules[event] == nil {
            throw RuleFileError(
                file: root.appendingPathComponent("packs/\(pack.name)/pack.json").path, path: "$.rule_files",
                message: LocalizedText(
                    zhTW: "規則包沒有處理事件「\(event)」的規則（check 為 event、params.event 為 \(event)）。",
                    en: "the pack has no rule for the event '\(event)' (check 'event' with params.event '\(event)')."))
        }
        return copy
    }

    /// Returns the box a finding about `field` reports, in this pack's layout.
    public func box(for field: String?, rule: Rule) -> String? {
        rule.box ?? field.flatMap { pack.boxes[$0] }
    }

    /// Builds a finding in the rule's words: the message and hint with placeholders filled per language.
    public func finding(
        for rule: Rule, field: String?, consignment: String?, location: SourceLocation, value: String?,
        expected: String?, details: [String: String] = [:], localized: [String: LocalizedText] = [:]
    ) -> Finding {
        let box = box(for: field, rule: rule)
        let definition = field.flatMap { catalog[$0] }
        var common = details
        // A check or event without a finding value may still fill these placeholders through details.
        common["value"] = value ?? details["value"] ?? ""
        common["expected"] = expected ?? details["expected"] ?? ""
        common["box"] = box ?? ""
        common["field"] = field ?? ""
        common["line"] = location.line.map(String.init) ?? ""
        // A field whose column the file lacks is named by its id, the header to add.
        common["column"] = location.column ?? field ?? ""
        common["consignment"] = consignment ?? ""
        common["label_en"] = definition?.label.en ?? ""
        common["label_zh"] = definition?.label.zhTW ?? ""
        var zhValues = common
        var enValues = common
        zhValues["label"] = definition?.label.zhTW ?? field ?? ""
        enValues["label"] = definition?.label.en ?? field ?? ""
        for (key, text) in localized {
            zhValues[key] = text.zhTW
            enValues[key] = text.en
        }
        let message = LocalizedText(
            zhTW: LocalizedText.fill(rule.message.zhTW, zhValues) + LocalizedText.fill(rule.hint.zhTW, zhValues),
            en: LocalizedText.fill(rule.message.en, enValues) + " " + LocalizedText.fill(rule.hint.en, enValues))
        return Finding(
            rule: rule.id, kind: rule.kind, severity: rule.severity, field: field, box: box, consignment: consignment,
            location: location, value: value, expected: expected, message: message)
    }

    /// Turns a stage event into a finding with the event's rule.
    public func finding(for event: StageEvent) -> Finding? {
        guard let rule = eventRules[event.name] else { return nil }
        return finding(
            for: rule, field: event.field, consignment: event.consignment, location: event.location, value: event.value,
            expected: event.expected, details: event.details)
    }
}
