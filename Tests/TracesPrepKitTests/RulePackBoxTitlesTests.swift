import Foundation
import Testing
@testable import TracesPrepKit

@Suite("Rule pack box titles")
struct RulePackBoxTitlesTests {
    @Test func packLoadsBoxTitles() {
        let titles = OutputTestSupport.library.pack.boxTitles
        #expect(titles["I.1"] == LocalizedText(zhTW: "出口人", en: "Consignor"))
        #expect(titles["I.2.a"] == LocalizedText(zhTW: "證書號碼", en: "IMSOC reference"))
        #expect(titles["I.21/I.22"] == LocalizedText(zhTW: "本批產品的目的", en: "Purpose"))
        #expect(titles["I.25"] == LocalizedText(zhTW: "產品描述", en: "Description of consignment"))
    }

    @Test func everyBoxHasTitle() {
        let pack = OutputTestSupport.library.pack
        for box in Set(pack.boxes.values) {
            #expect(pack.boxTitles[box] != nil, "box \(box) has no title")
        }
    }

    @Test func titleWithoutEnglishIsRejected() throws {
        let error = try loadPack(replacing: #""I.5": {"zh-TW": "進口人", "en": "Consignee"}"#, with: #""I.5": {"zh-TW": "進口人"}"#)
        #expect(error?.path == "$.box_titles.I.5.en")
        #expect(error?.file.hasSuffix("packs/bsmi-2020/pack.json") ?? false)
    }

    @Test func titleOfUnknownBoxIsRejected() throws {
        let error = try loadPack(replacing: #""I.5": {"#, with: #""I,5": {"#)
        #expect(error?.path == "$.box_titles.I,5")
    }

    /// Copies the real rule files, edits pack.json once and returns the error loading raises.
    private func loadPack(replacing original: String, with replacement: String) throws -> RuleFileError? {
        let folder = try OutputTestSupport.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("Rules")
        try FileManager.default.copyItem(at: OutputTestSupport.rulesFolder, to: rules)
        let packURL = rules.appendingPathComponent("packs/bsmi-2020/pack.json")
        let text = try String(contentsOf: packURL, encoding: .utf8)
        #expect(text.contains(original))
        try Data(text.replacingOccurrences(of: original, with: replacement).utf8).write(to: packURL)
        do {
            _ = try RuleLibrary.load(root: rules)
            return nil
        } catch let error as RuleFileError {
            return error
        }
    }
}
