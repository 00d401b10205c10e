import Foundation
import Testing
import TracesPrepKit

/// The repository's `Rules/` folder, found from this file's path so tests use the shipped rule files.
let rulesFolder: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Support
    .deletingLastPathComponent()  // TracesPrepKitTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // repository root
    .appendingPathComponent("Rules")

/// The shipped rule library, loaded once for all tests because the species list is large.
private let sharedLibrary: Result<RuleLibrary, any Error> = Result { try RuleLibrary.load(root: rulesFolder) }

/// Returns the shipped rule library, or throws the error that loading it raised.
func loadedLibrary() throws -> RuleLibrary {
    try sharedLibrary.get()
}

/// Reads a fixture file from `Tests/TracesPrepKitTests/Fixtures/`.
func fixtureText(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else {
        throw FixtureError(message: "fixture '\(name)' not found in the test bundle")
    }
    return try String(contentsOf: url, encoding: .utf8)
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Creates a fresh temporary folder, runs `body` with it and removes the folder afterwards.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("tracesprep-tests-" + UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// Writes `bytes` as `name` in `folder` and validates the file with the given rule library.
func validate(
    bytes: [UInt8], named name: String = "consignment.csv", in folder: URL, library: RuleLibrary? = nil
) throws -> FileReport {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return try FileValidator(library: library ?? loadedLibrary()).validate(url)
}

/// Writes the fixture text (without its marks) as UTF-8 and validates it.
func validate(_ fixture: MarkedText, named name: String = "consignment.csv", in folder: URL) throws -> FileReport {
    try validate(bytes: Array(fixture.text.utf8), named: name, in: folder)
}

/// Validates the fixture in a fresh temporary folder.
func validate(_ fixture: MarkedText) throws -> FileReport {
    try withTemporaryFolder { folder in try validate(fixture, in: folder) }
}

extension FileReport {
    /// Returns the values TracesPrep filled in for one consignment, by field id.
    func autofilled(_ reference: String) -> [String: String] {
        guard let consignment = checked.consignments.first(where: { $0.consignment.reference == reference }) else {
            return [:]
        }
        return Dictionary(consignment.autofilled.map { ($0.field, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Validates the valid tilapia consignment after `change` and returns the marked fixture with its report.
func validateValid(
    changing change: (inout ConsignmentCSV) -> Void
) throws -> (fixture: MarkedText, report: FileReport) {
    var csv = ConsignmentCSV.valid()
    change(&csv)
    let fixture = csv.marked()
    return (fixture, try validate(fixture))
}

/// Copies the repository's `Rules/` folder into `folder` so a test can change a rule file.
func copyRules(into folder: URL, named name: String = "Rules") throws -> URL {
    let copy = folder.appendingPathComponent(name, isDirectory: true)
    try FileManager.default.copyItem(at: rulesFolder, to: copy)
    return copy
}
