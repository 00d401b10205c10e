import Foundation

/// A fault (`error`) or a doubt (`warning`) that `tracesprep rules check` found in a rule file.
public struct RuleDiagnostic: Sendable, Equatable {
    public var severity: Severity
    public var file: String
    /// JSON path of the offending value, such as `$.rules[3].fields[1]`.
    public var path: String
    public var message: LocalizedText

    public init(_ severity: Severity, file: String, path: String, message: LocalizedText) {
        self.severity = severity
        self.file = file
        self.path = path
        self.message = message
    }
}

/// Reads every file of a Rules folder, every pack in `packs/` and the site settings, and
/// collects every fault it finds instead of stopping at the first, as loading does. When it
/// finds no error, it also loads each pack with the program's loader, so a clean audit means
/// every pack loads.
public struct RuleAudit {
    public let root: URL
    public private(set) var diagnostics: [RuleDiagnostic] = []

    var catalog: FieldCatalog?
    var codeLists: [String: CodeList] = [:]
    var site = SiteSettings()
    /// Codes of the HS 2022 list, for the CN prefix checks; empty when the list did not load.
    var hsCodes: [String] = []
    var hsChapters: Set<String> = []

    /// Audits the Rules folder `root` with the site file `--site` names, or `root/site.json`.
    public static func run(root: URL, siteFile: String? = nil) -> [RuleDiagnostic] {
        var audit = RuleAudit(root: root)
        audit.auditSharedFiles(siteFile: siteFile)
        let packs = RuleLibrary.availablePacks(root: root)
        if !packs.contains(audit.site.pack) {
            audit.error(
                audit.site.file ?? root.appendingPathComponent(SiteSettings.fileName).path, "$.pack",
                zhTW: "規則包「\(audit.site.pack)」不存在。可用的規則包：\(packs.joined(separator: ", "))。",
                en: "the pack '\(audit.site.pack)' does not exist. Available packs: \(packs.joined(separator: ", ")).")
        }
        for pack in packs {
            audit.auditPack(named: pack)
        }
        if !audit.diagnostics.contains(where: { $0.severity == .error }) {
            audit.loadEveryPack(packs)
        }
        return audit.diagnostics
    }

    init(root: URL) {
        self.root = root
    }

    // MARK: - Recording

    mutating func error(_ file: String, _ path: String, zhTW: String, en: String) {
        record(RuleDiagnostic(.error, file: file, path: path, message: LocalizedText(zhTW: zhTW, en: en)))
    }

    mutating func warning(_ file: String, _ path: String, zhTW: String, en: String) {
        record(RuleDiagnostic(.warning, file: file, path: path, message: LocalizedText(zhTW: zhTW, en: en)))
    }

    /// Records a diagnostic once: a shared rule file is audited for each pack that includes it.
    mutating func record(_ diagnostic: RuleDiagnostic) {
        if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
    }

    mutating func record(_ fault: RuleFileError, as severity: Severity = .error) {
        record(RuleDiagnostic(severity, file: fault.file, path: fault.path, message: fault.message))
    }

    /// Runs a loader and records the fault it raises, returning nil in that case.
    mutating func attempt<T>(_ load: () throws -> T) -> T? {
        do {
            return try load()
        } catch let fault as RuleFileError {
            record(fault)
        } catch {
            record(RuleDiagnostic(
                .error, file: root.path, path: "$",
                message: LocalizedText(zhTW: "無法讀取：\(error)。", en: "cannot be read: \(error).")))
        }
        return nil
    }

    // MARK: - Shared files

    /// Audits the fields, code lists, authorities, establishments and site file. Their loaders stop at the
    /// first fault of a file, so each of these files reports at most one error.
    private mutating func auditSharedFiles(siteFile: String?) {
        let root = self.root
        let fieldsURL = root.appendingPathComponent("fields.json")
        catalog = attempt { try FieldCatalog.load(fieldsURL) }

        let listFolder = root.appendingPathComponent("codelists")
        let listFiles = (try? FileManager.default.contentsOfDirectory(atPath: listFolder.path)) ?? []
        for fileName in listFiles.sorted() where fileName.hasSuffix(".json") {
            let name = String(fileName.dropLast(5))
            if let list = attempt({ try CodeList.load(listFolder.appendingPathComponent(fileName), expectedName: name) }) {
                codeLists[name] = list
            }
        }
        for name in ["countries", "eu-member-states", "units", "species", "hs2022"] where codeLists[name] == nil {
            if !listFiles.contains(name + ".json") {
                error(
                    listFolder.appendingPathComponent(name + ".json").path, "$",
                    zhTW: "缺少必要的代碼表「\(name)」。", en: "the required code list '\(name)' is missing.")
            }
        }
        for (index, field) in (catalog?.fields ?? []).enumerated() {
            if let list = field.list, codeLists[list] == nil, listFiles.contains(list + ".json") == false {
                error(
                    fieldsURL.path, "$.fields[\(index)].list",
                    zhTW: "欄位「\(field.id)」使用的代碼表「\(list)」不存在。",
                    en: "field '\(field.id)' uses the code list '\(list)', which does not exist.")
            }
        }

        if let hs = codeLists["hs2022"] {
            hsCodes = hs.entries.map(\.code)
            hsChapters = Set(hsCodes.map { String($0.prefix(2)) })
        }

        _ = attempt { try EstablishmentList.load(root.appendingPathComponent("establishments.json")) }
        if let loaded = attempt({ try SiteSettings.locate(explicit: siteFile, rulesRoot: root) }) {
            site = loaded
            for warning in loaded.warnings {
                record(warning, as: .warning)
            }
        }
        if case .file(let path) = site.authorities {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
            _ = attempt { try AuthorityTable.load(url) }
        }
    }

    // MARK: - Loading

    /// Loads each pack as the program does and records what its loader rejects.
    private mutating func loadEveryPack(_ packs: [String]) {
        let root = self.root
        let site = self.site
        for pack in packs {
            if let library = attempt({ try RuleLibrary.load(root: root, pack: pack, site: site) }), pack == site.pack {
                for warning in library.warnings {
                    record(warning, as: .warning)
                }
            }
        }
    }
}
