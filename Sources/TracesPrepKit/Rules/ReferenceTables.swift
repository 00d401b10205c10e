import Foundation

/// A competent authority as shown in boxes I.3 and I.4.
public struct Authority: Sendable {
    public var code: String
    public var label: LocalizedText
}

/// The central authority and the branch offices keyed by place of loading (`Rules/authorities.json`).
public struct AuthorityTable: Sendable {
    public var central: Authority
    public var local: [(authority: Authority, placesOfLoading: [String])] {
        didSet { index() }
    }
    private var byPlace: [String: Int] = [:]

    public init(central: Authority, local: [(authority: Authority, placesOfLoading: [String])]) {
        self.central = central
        self.local = local
        index()
    }

    private mutating func index() {
        byPlace = [:]
        for (position, entry) in local.enumerated() {
            for place in entry.placesOfLoading where byPlace[TextNormalization.key(place)] == nil {
                byPlace[TextNormalization.key(place)] = position
            }
        }
    }

    /// Finds the branch office whose places of loading include this one (UN/LOCODE or name).
    public func localAuthority(forPlaceOfLoading place: String) -> Authority? {
        byPlace[TextNormalization.key(place)].map { local[$0].authority }
    }

    static func load(_ url: URL) throws -> AuthorityTable {
        let root = try JSONNode.load(url)
        try root.checkFormatVersion()
        return try load(root)
    }

    /// Reads the table from an object with `central_competent_authority` and `local_competent_authorities`.
    static func load(_ root: JSONNode) throws -> AuthorityTable {
        let centralNode = try root.required("central_competent_authority")
        let central = Authority(code: try centralNode.required("code").string(), label: try centralNode.required("label").localized())
        var local: [(Authority, [String])] = []
        for node in try root.required("local_competent_authorities").array() {
            local.append((
                Authority(code: try node.required("code").string(), label: try node.required("label").localized()),
                try node.required("places_of_loading").strings()))
        }
        return AuthorityTable(central: central, local: local)
    }
}

/// An approved establishment: approval number, country and region (`Rules/establishments.json`).
public struct Establishment: Sendable {
    public var approvalNumber: String
    public var name: String
    public var country: String
    public var region: String?
    public var isSample: Bool
}

public struct EstablishmentList: Sendable {
    public var entries: [Establishment]
    private var byKey: [String: Int] = [:]

    public init(entries: [Establishment]) {
        self.entries = entries
        for (index, entry) in entries.enumerated() {
            byKey[TextNormalization.key(entry.approvalNumber)] = index
        }
    }

    public func establishment(approvalNumber: String) -> Establishment? {
        byKey[TextNormalization.key(approvalNumber)].map { entries[$0] }
    }

    static func load(_ url: URL) throws -> EstablishmentList {
        let root = try JSONNode.load(url)
        try root.checkFormatVersion()
        var entries: [Establishment] = []
        for node in try root.required("entries").array() {
            entries.append(Establishment(
                approvalNumber: try node.required("approval_number").string(),
                name: try node.optional("name")?.string() ?? "",
                country: try node.required("country").string(),
                region: try node.optional("region")?.string(),
                isSample: try node.optional("sample")?.bool() ?? false))
        }
        return EstablishmentList(entries: entries)
    }
}
