import Foundation
import TracesPrepKit

/// Shared setup for the certificate and report output tests: the real rule files, a fresh
/// temporary folder per test, and reports built from hand-written CSV text.
enum OutputTestSupport {
    /// The repository's `Rules/` folder, found from this file's path.
    static let rulesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("../../Rules").standardizedFileURL

    /// The rule library is loaded once because the species list makes loading slow.
    static let library: RuleLibrary = {
        do {
            return try RuleLibrary.load(root: rulesFolder)
        } catch let error as RuleFileError {
            fatalError("the rule files do not load: \(error.describe(in: .en))")
        } catch {
            fatalError("the rule files do not load: \(error)")
        }
    }()

    static func makeTemporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tracesprep-outputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `csv` to a fresh folder and validates it with the real rule pack.
    static func report(csv: String, fileName: String = "input.csv") throws -> FileReport {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(fileName)
        try Data(csv.utf8).write(to: url)
        return try FileValidator(library: library).validate(url, displayPath: fileName)
    }

    /// The header of the sample consignment files: one certificate, vessel transport.
    static let header = [
        "certificate_reference", "consignor_name", "consignor_address", "consignor_country", "consignee_name",
        "consignee_address", "consignee_country", "country_of_destination", "place_of_dispatch_name",
        "place_of_loading", "departure_datetime", "transport_mode", "transport_identification", "imo_number",
        "entry_bcp", "transport_conditions", "certified_as", "purpose", "total_gross_weight", "container_number",
        "seal_number", "cn_code", "species", "nature_of_commodity", "treatment_type", "package_count",
        "package_type", "net_weight", "batch_number",
    ].joined(separator: ",")
}
