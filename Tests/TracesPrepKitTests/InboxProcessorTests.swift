import Foundation
import Testing
@testable import TracesPrepKit

/// Runs of `InboxProcessor` on a temporary inbox built from the shared cases' rows.
@Suite struct InboxProcessorTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A header and two consignments: KH-1 is valid, KH-2 lacks its entry BCP.
    static let twoConsignments = """
        certificate_reference,consignor_name,consignor_address,consignor_country,consignee_name,consignee_address,consignee_country,country_of_origin,country_of_destination,place_of_dispatch_name,place_of_loading,departure_datetime,transport_mode,transport_identification,imo_number,entry_bcp,transport_conditions,certified_as,purpose,total_gross_weight,container_number,cn_code,species,nature_of_commodity,treatment_type,manufacturing_plant,package_count,package_type,net_weight
        KH-1,Formosa Aquatic,"No. 88, Yugang 1st Rd., Kaohsiung",TW,Noordkaap B.V.,"Kadeweg 12, Rotterdam",NL,TW,NL,Qianzhen plant,TWKHH,2026/12/10 18:00,Vessel,FORMOSA STAR,IMO9074729,NLRTM1,Frozen,Human consumption,internal market,6500,EMCU3811879,03046100,Oreochromis niloticus,Farmed stock,Frozen,SAMPLE-001,600,CT,6000
        KH-2,Formosa Aquatic,"No. 88, Yugang 1st Rd., Kaohsiung",TW,Noordkaap B.V.,"Kadeweg 12, Rotterdam",NL,TW,NL,Qianzhen plant,TWKHH,2026/12/10 18:00,Vessel,FORMOSA STAR,IMO9074729,,Frozen,Human consumption,internal market,6500,EMCU3811879,03046100,Oreochromis niloticus,Farmed stock,Frozen,SAMPLE-001,600,CT,6000

        """

    /// A fresh site folder with an empty Inbox; removed by the caller.
    static func makeSite() throws -> URL {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("inbox-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Inbox"), withIntermediateDirectories: true)
        return site
    }

    static func processor(site: URL) throws -> InboxProcessor {
        let library = try RuleLibrary.load(root: repository.appendingPathComponent("Rules"))
        let folders = InboxFolders(inbox: site.appendingPathComponent("Inbox"), outbox: site.appendingPathComponent("Outbox"))
        return InboxProcessor(library: library, folders: folders, logger: Logger(sink: { _ in }))
    }

    static func names(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func runArchivesOriginalAndWritesDraftsForValidConsignment() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let input = site.appendingPathComponent("Inbox/batch.csv")
        try Self.twoConsignments.write(to: input, atomically: true, encoding: .utf8)

        let results = try Self.processor(site: site).processWaitingFiles()

        #expect(results.count == 1)
        #expect(results.first?.verdict == .rejected)
        #expect(Self.names(in: site.appendingPathComponent("Inbox")).isEmpty)
        let archived = site.appendingPathComponent("Archive/batch.csv")
        #expect(try String(contentsOf: archived, encoding: .utf8) == Self.twoConsignments)
        let output = try #require(results.first?.outputFolder)
        #expect(output.lastPathComponent.hasPrefix("batch-"))
        let files = Self.names(in: output)
        #expect(files.contains("KH-1.sps.xml"))
        #expect(files.contains("KH-1.html"))
        #expect(!files.contains("KH-2.sps.xml"))
        #expect(files.contains("report.json"))
        #expect(files.contains("report.html"))
        #expect(files.contains("annotated.csv"))

        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("report.json"))) as? [String: Any]
        #expect(report?["verdict"] as? String == "rejected")
        let consignments = report?["consignments"] as? [[String: Any]] ?? []
        #expect(consignments.first?["drafts"] as? [String] == ["KH-1.sps.xml", "KH-1.html"])
        #expect(consignments.last?["drafts"] as? [String] == [])
    }

    @Test func runNeverOverwritesEarlierOutputsOrArchive() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        var processor = try Self.processor(site: site)
        let fixed = Date(timeIntervalSince1970: 1_796_000_000)
        processor.now = { fixed }
        let input = site.appendingPathComponent("Inbox/batch.csv")

        try Self.twoConsignments.write(to: input, atomically: true, encoding: .utf8)
        let first = try processor.processWaitingFiles()
        try (Self.twoConsignments + "\n").write(to: input, atomically: true, encoding: .utf8)
        let second = try processor.processWaitingFiles()

        #expect(first.first?.outputFolder?.lastPathComponent == "batch-20261130T005320Z")
        #expect(second.first?.outputFolder?.lastPathComponent == "batch-20261130T005320Z-2")
        #expect(Self.names(in: site.appendingPathComponent("Archive")) == ["batch-2.csv", "batch.csv"])
        let firstArchived = try String(contentsOf: site.appendingPathComponent("Archive/batch.csv"), encoding: .utf8)
        #expect(firstArchived == Self.twoConsignments)
    }

    @Test func runLeavesTemporaryFilesAndAttachmentsInPlace() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let inbox = site.appendingPathComponent("Inbox")
        for name in ["~$batch.csv", "upload.csv.part", "copy.tmp", "scan.pdf"] {
            try Data("x".utf8).write(to: inbox.appendingPathComponent(name))
        }

        let results = try Self.processor(site: site).processWaitingFiles()

        #expect(results.isEmpty)
        #expect(Self.names(in: inbox) == ["copy.tmp", "scan.pdf", "upload.csv.part", "~$batch.csv"])
    }

    @Test func truncatedFileGoesToFailedWithReport() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        // Cut off after the first start tags, so it cannot be read to the end.
        try Data("<consignments><consignment>".utf8).write(to: site.appendingPathComponent("Inbox/order.xml"))

        let results = try Self.processor(site: site).processWaitingFiles()

        #expect(results.first?.verdict == .incomplete)
        #expect(Self.names(in: site.appendingPathComponent("Failed")) == ["order.xml", "order.xml.report.html", "order.xml.report.json"])
        #expect(Self.names(in: site.appendingPathComponent("Archive")).isEmpty)
    }

    @Test func outputFailureReturnsFileToInbox() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try Self.twoConsignments.write(to: site.appendingPathComponent("Inbox/batch.csv"), atomically: true, encoding: .utf8)
        // The outbox is a link to /proc/self: it exists as a folder, but no folder can be created
        // in it, even by root, so writing fails after the file was claimed.
        try FileManager.default.createSymbolicLink(
            atPath: site.appendingPathComponent("Outbox").path, withDestinationPath: "/proc/self")

        #expect(throws: FileSystemError.self) { try Self.processor(site: site).processWaitingFiles() }
        #expect(Self.names(in: site.appendingPathComponent("Inbox")) == ["batch.csv"])
        let restored = try String(contentsOf: site.appendingPathComponent("Inbox/batch.csv"), encoding: .utf8)
        #expect(restored == Self.twoConsignments)
    }

    @Test func secondInstanceIsRefusedWhileLockHeld() throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let inbox = site.appendingPathComponent("Inbox")
        let lock = try InboxLock(inbox: inbox, command: "watch")
        defer { withExtendedLifetime(lock) {} }

        let busy = #expect(throws: InboxLock.Busy.self) { try InboxLock(inbox: inbox) }
        #expect(busy?.holder == String(getpid()))
        #expect(busy?.command == "watch")
        let message = CommandFailure.inboxBusy(try #require(busy), inbox: inbox).message
        #expect(message.en.contains("run is not needed"))
        #expect(message.zhTW.contains("不需要再執行 run"))
    }
}

/// What `run` does with files it cannot read and what its exit code says.
@Suite struct RunOutcomeTests {
    @Test func spreadsheetGoesToFailedWithSaveAsHint() throws {
        let site = try InboxProcessorTests.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try Data("PK\u{3}\u{4}".utf8).write(to: site.appendingPathComponent("Inbox/book.ods"))

        let results = try InboxProcessorTests.processor(site: site).processWaitingFiles()

        #expect(results.first?.verdict == .incomplete)
        #expect(InboxProcessorTests.names(in: site.appendingPathComponent("Failed")) == [
            "book.ods", "book.ods.report.html", "book.ods.report.json",
        ])
        let report = try String(contentsOf: site.appendingPathComponent("Failed/book.ods.report.json"), encoding: .utf8)
        #expect(report.contains("\"rule\": \"unsupported-format\""))
        #expect(report.contains("CSV"))
    }

    @Test func runExitsIncompleteWhenFileCannotBeRead() throws {
        let site = try InboxProcessorTests.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        try Data("certificate_reference,consignor_name\nKH-1,\"unclosed\n".utf8)
            .write(to: site.appendingPathComponent("Inbox/broken.csv"))
        let rules = InboxProcessorTests.repository.appendingPathComponent("Rules").path

        let run = runTool(["run", "--inbox", site.appendingPathComponent("Inbox").path,
                           "--outbox", site.appendingPathComponent("Outbox").path, "--rules", rules, "--lang", "en"])

        #expect(run.status == 70)
        #expect(run.standardOutput.contains("broken.csv: incomplete"))
    }

    @Test func unknownLanguageIsReportedInBothLanguages() {
        let run = runTool(["validate", "x.csv", "--lang", "fr"])

        #expect(run.status == 64)
        #expect(run.standardError.contains("不支援的語言「fr」"))
        #expect(run.standardError.contains("unsupported language 'fr'"))
    }
}
