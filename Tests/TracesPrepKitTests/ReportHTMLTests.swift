import Foundation
import Testing
@testable import TracesPrepKit

@Suite("Report HTML")
struct ReportHTMLTests {
    /// One consignment whose container number EMCU3811878 has the wrong check digit (ISO 6346
    /// gives 9), in a file with an extra column `remarks` that matches no field.
    static let csv = OutputTestSupport.header + ",remarks\n"
        + #"KH-2026-0102,Formosa Aquatic Products Co.,"No. 88, Yugang 1st Rd., Kaohsiung",TW,Noordkaap Seafood B.V.,"Kadeweg 12, Rotterdam",NL,NL,Qianzhen plant,TWKHH,2026/12/10 18:00,Vessel,FORMOSA STAR,IMO9074729,NLRTM1,Frozen,Human consumption,internal market,6300,EMCU3811878,TW0458812,03046100,Oreochromis niloticus,Farmed stock,Frozen,600,CT,6000,TL261201,urgent"# + "\n"

    static func page() throws -> String {
        var report = try OutputTestSupport.report(csv: csv)
        report.drafts["KH-2026-0102"] = ["KH-2026-0102 draft.xml", "KH-2026-0102.html"]
        return ReportHTML.page(for: report, library: OutputTestSupport.library)
    }

    @Test func checkDigitFindingIsListed() throws {
        let page = try Self.page()
        #expect(page.contains("<code>container-number-check-digit</code>"))
        #expect(page.contains("<td><code>EMCU3811878</code></td><td><code>9</code></td>"))
        #expect(page.contains("<td>2</td><td>container_number</td>"))
    }

    @Test func messageInBothLanguages() throws {
        let page = try Self.page()
        #expect(page.contains("「EMCU3811878」的檢查碼錯誤，依 ISO 6346 應為 9。"))
        #expect(page.contains("&#39;EMCU3811878&#39; has the wrong check digit: ISO 6346 gives 9."))
    }

    @Test func verdictInBothLanguages() throws {
        let page = try Self.page()
        #expect(page.contains("退回 / rejected"))
        #expect(page.contains("class=\"verdict-rejected\""))
    }

    @Test func fileDetails() throws {
        let page = try Self.page()
        #expect(page.contains("<tr><th>編碼 / Encoding</th><td>UTF-8</td></tr>"))
        #expect(page.contains("<tr><th>分隔符號 / Delimiter</th><td>逗號 / comma (,)</td></tr>"))
        #expect(page.contains("bsmi-2020 2026.12.0"))
        #expect(page.contains("錯誤 1 項、警告 3 項、資訊 0 項 / errors: 1, warnings: 3, info: 0"))
    }

    @Test func wholeFileGroupComesFirst() throws {
        let page = try Self.page()
        let wholeFile = try #require(page.range(of: "整個檔案 / Whole file"))
        let unknownHeader = try #require(page.range(of: "<code>remarks</code>"))
        let consignment = try #require(page.range(of: "證書 / Certificate KH-2026-0102"))
        #expect(wholeFile.lowerBound < unknownHeader.lowerBound)
        #expect(unknownHeader.lowerBound < consignment.lowerBound)
    }

    @Test func findingsGroupedByBox() throws {
        let page = try Self.page()
        #expect(page.contains("<h4>I.19 Container No / Seal No 貨櫃號碼及封條號碼</h4>"))
    }

    @Test func autofilledValuesListed() throws {
        let page = try Self.page()
        #expect(page.contains("<tr><td>I.24 總淨重 / Total net weight</td><td>6000 kg</td></tr>"))
        #expect(page.contains("<tr><td>I.4 地方權責機關 / Local competent authority</td><td>BSMI-KH (經濟部標準檢驗局高雄分局 / BSMI Kaohsiung Branch)</td></tr>"))
    }

    @Test func draftLinksAreRelative() throws {
        let page = try Self.page()
        #expect(page.contains(#"<a href="KH-2026-0102%20draft.xml">KH-2026-0102 draft.xml</a>"#))
        #expect(page.contains(#"<a href="KH-2026-0102.html">KH-2026-0102.html</a>"#))
    }

    @Test func rawValuesAreEscaped() throws {
        let csv = Self.csv.replacingOccurrences(of: ",03046100,", with: ",03<04,")
        let report = try OutputTestSupport.report(csv: csv)
        let page = ReportHTML.page(for: report, library: OutputTestSupport.library)
        #expect(page.contains("<code>03&lt;04</code>"))
        #expect(!page.contains("03<04"))
    }

    @Test func pageIsPrintable() throws {
        let page = try Self.page()
        #expect(page.contains("@page { size: A4;"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("src="))
    }
}
