import Foundation
import Testing
@testable import TracesPrepKit

@Suite("Certificate HTML")
struct CertificateHTMLTests {
    /// The consignment of the SPS XML tests plus an accompanying document (I.17).
    static let csv: String = {
        let lines = SPSCertificateXMLTests.csv.split(separator: "\n").map(String.init)
        return lines[0] + ",document_type,document_number\n"
            + lines[1] + ",Bill of lading,KHH-BL-7781\n"
            + lines[2] + ",,\n"
    }()

    static func page(_ csv: String = csv) throws -> String {
        let report = try OutputTestSupport.report(csv: csv)
        let consignment = try #require(report.checked.consignments.first)
        return CertificateHTML.page(for: consignment, in: report, library: OutputTestSupport.library)
    }

    @Test func boxTitlesInPrintOrder() throws {
        let page = try Self.page()
        let titles = [
            "I.1 Consignor 出口人", "I.2 Certificate reference 參考證書號碼", "I.2.a IMSOC reference 證書號碼",
            "I.5 Consignee 進口人", "I.9 Country of destination 目的國", "I.10 Region of destination 目的地區",
            "I.19 Container No / Seal No 貨櫃號碼及封條號碼", "I.21/I.22 Purpose 本批產品的目的",
            "I.25 Description of consignment 產品描述",
        ]
        var previous = page.startIndex
        for title in titles {
            let range = try #require(page.range(of: title), "missing title \(title)")
            #expect(range.lowerBound > previous, "\(title) is out of order")
            previous = range.lowerBound
        }
    }

    @Test func valuesAreEscaped() throws {
        let page = try Self.page()
        #expect(page.contains("Formosa &amp; Sons &lt;Aquatic&gt; &quot;Best&quot; Co."))
        #expect(!page.contains("Sons <Aquatic>"))
    }

    @Test func draftMarkAndA4Rule() throws {
        let page = try Self.page()
        #expect(page.contains("草稿 / DRAFT"))
        #expect(page.contains("@page { size: A4;"))
        #expect(page.contains("tr { break-inside: avoid; page-break-inside: avoid; }"))
    }

    @Test func pageIsSelfContained() throws {
        let page = try Self.page()
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("src="))
        #expect(!page.contains("href="))
        #expect(!page.contains("url("))
    }

    @Test func codesShowTheirLabels() throws {
        let page = try Self.page()
        #expect(page.contains("NL – 荷蘭 / Netherlands"))
        #expect(page.contains("Vessel – 海運"))
        #expect(page.contains("NLRTM1 – 鹿特丹港 / Rotterdam port"))
    }

    @Test func autofilledValuesAreMarked() throws {
        let page = try Self.page()
        let mark = #"<span class="auto">由 TracesPrep 填入 / filled by TracesPrep</span>"#
        #expect(page.contains("經濟部標準檢驗局 / Bureau of Standards, Metrology and Inspection (BSMI) " + mark))
        #expect(page.contains("經濟部標準檢驗局高雄分局 / BSMI Kaohsiung Branch " + mark))
        // 600 + 400 packages and 6000 kg + 4.5 t net.
        #expect(page.contains("<td>1000 " + mark))
        #expect(page.contains("<td>10500 kg " + mark))
    }

    @Test func departureIsReadable() throws {
        let page = try Self.page()
        #expect(page.contains("<td>2026-12-10 18:00 (UTC+08:00)</td>"))
    }

    @Test func fileValueIsNotMarked() throws {
        let page = try Self.page()
        #expect(page.contains("<td>10800 kg</td>"))
    }

    @Test func containerAndDocumentTables() throws {
        let page = try Self.page()
        #expect(page.contains("<td>EMCU3811879</td><td>TW0458812</td>"))
        #expect(page.contains("<td>Bill of lading – 海運提單</td><td>KHH-BL-7781</td>"))
    }

    @Test func commodityTableRows() throws {
        let page = try Self.page()
        #expect(page.contains("<tr><td>1</td><td>03046100</td><td>Oreochromis niloticus</td>"))
        #expect(page.contains("<tr><td>2</td><td>03061792</td><td>Penaeus vannamei</td>"))
        #expect(page.contains("<td>4500 kg</td>"))
    }
}
