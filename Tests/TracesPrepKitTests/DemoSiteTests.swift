import Foundation
import Testing
@testable import TracesPrepKit

/// A realistic day at a site, built from the repository's `Examples/`, summarised for officers.
@Suite("Demo site")
struct DemoSiteTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")

    /// Records six files received over the last ten hours, from two exporters: four accepted (one of
    /// them a duplicate), one rejected and one incomplete, in receipt order.
    static func build(at root: URL, now: Date = Date()) throws -> LedgerSite {
        let site = try LedgerSite(root: root)
        func example(_ name: String) throws -> String {
            try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
        }
        func hoursAgo(_ hours: Double) -> String {
            LedgerTime.string(from: now.addingTimeInterval(-hours * 3600))
        }
        // The composite example with another reference and a quote that is never closed.
        let brokenComposite = try example("composite-16042090.csv")
            .replacingOccurrences(of: "KL-2027-0042", with: "KL-2027-0043")
            .replacingOccurrences(of: ",FB270220,", with: ",\"FB270220,")

        try site.record("tilapia-fishery.csv", text: try example("tilapia-fishery.csv"), at: hoursAgo(10), attachmentFolder: examples)
        try site.record("composite-16042090.csv", text: try example("composite-16042090.csv"), at: hoursAgo(8), attachmentFolder: examples)
        try site.record("typical-mistakes.csv", text: try example("typical-mistakes.csv"), at: hoursAgo(6), attachmentFolder: examples)
        try site.record("tilapia-fishery (1).csv", text: try example("tilapia-fishery.csv"), at: hoursAgo(4), attachmentFolder: examples)
        try site.record("KL-2027-0043.csv", text: brokenComposite, at: hoursAgo(3), attachmentFolder: examples)
        try site.record("two-consignments.csv", text: try example("two-consignments.csv"), at: hoursAgo(2), attachmentFolder: examples)
        return site
    }

    @Test func demoSiteHasEachOutcome() throws {
        try withTemporaryFolder { folder in
            let now = Date()
            let site = try Self.build(at: folder, now: now)

            let summary = try LedgerSummary(ledger: site.ledger, since: now.addingTimeInterval(-24 * 3600), until: now)

            #expect(summary.files.map(\.verdict) == [.accepted, .accepted, .rejected, .accepted, .incomplete, .accepted])
            #expect(summary.totals.duplicates == 1)
            #expect(summary.exporters.map(\.exporter) == ["Formosa Aquatic Products Co., Ltd.", "Keelung Harbour Foods Co., Ltd."])
            #expect(summary.files.map(\.errors) == [0, 0, 4, 0, 1, 0])
        }
    }
}
