import Foundation

/// The values a draft certificate prints for one consignment: the file's normalised values,
/// replaced by what TracesPrep filled in where it computed a field, with code-list labels.
struct CertificateValues {
    let checked: CheckedConsignment
    let library: RuleLibrary

    var header: NormalizedValues { checked.consignment.header }
    var reference: String { checked.consignment.reference }

    // MARK: - Values

    /// Returns the value of a consignment-level field: the filled-in value where TracesPrep computed one,
    /// because TRACES-NT computes it the same way, else the file's normalised text.
    func text(_ field: String) -> String? {
        if let filled = autofilled(field) { return filled }
        return Self.text(of: header[field])
    }

    /// Returns the normalised text of a value, or nil when it is absent or empty.
    static func text(of value: NormalizedValue?) -> String? {
        guard let value, !value.text.isEmpty else { return nil }
        return value.text
    }

    func autofilled(_ field: String) -> String? {
        checked.autofilled.first { $0.field == field }?.value
    }

    /// True when TracesPrep supplied the value: the file left the field blank or gave another value.
    func isAutofilled(_ field: String) -> Bool {
        guard let filled = autofilled(field) else { return false }
        guard let given = header[field] else { return true }
        return (given.code ?? given.text) != filled
    }

    /// Returns the exact decimal text of a weight in kg, or nil when the value is absent or not a weight.
    static func kilograms(_ value: NormalizedValue?) -> String? {
        guard let value, value.decimal != nil else { return nil }
        return value.text
    }

    // MARK: - Code lists

    /// Looks up the code-list entry for a coded value of `field` by its code.
    func entry(field: String, code: String) -> CodeEntry? {
        guard let list = library.catalog[field]?.list ?? (library.catalog[field]?.type == .yesNo ? "yes-no" : nil) else {
            return nil
        }
        return library.codeLists[list]?.entry(code: code)
    }

    func country(_ code: String) -> CodeEntry? {
        library.codeLists["countries"]?.entry(code: code)
    }

    /// Finds the central or local competent authority with this TracesPrep code.
    func authority(code: String) -> Authority? {
        let table = library.authorities
        if table.central.code == code { return table.central }
        return table.local.first { $0.authority.code == code }?.authority
    }

    /// Returns the ASFIS 3-alpha code of a species: the entry's alias of three capital letters.
    func asfisCode(species: String) -> String? {
        guard let entry = library.codeLists["species"]?.entry(for: species) else { return nil }
        return entry.aliases.first { alias in
            alias.count == 3 && alias.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
        }
    }

    /// Returns the HS 2022 text of a CN code's subheading (or heading), when the list has it.
    func hsDescription(cnCode: String) -> String? {
        library.codeLists["hs2022"]?.entry(code: CNCode.hsKey(cnCode))?.label.en
    }

    /// The package type shared by every commodity line, or nil when lines differ or lack one.
    var commonPackageType: String? {
        let types = Set(checked.consignment.lines.map { $0["package_type"]?.code })
        guard types.count == 1, let type = types.first else { return nil }
        return type
    }
}
