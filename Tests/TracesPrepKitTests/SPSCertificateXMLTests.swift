import Foundation
import FoundationXML
import Testing
@testable import TracesPrepKit

@Suite("SPS certificate XML")
struct SPSCertificateXMLTests {
    /// One vessel consignment with two commodity lines. The consignor's name contains `&`, `<`, `>`
    /// and quotes; the second line's CN code has dots and its net weight is in tonnes.
    static let csv = OutputTestSupport.header + "\n"
        + #"KH-2026-0101,"Formosa & Sons <Aquatic> ""Best"" Co.","No. 88, Yugang 1st Rd., Kaohsiung",TW,Noordkaap Seafood B.V.,"Kadeweg 12, Rotterdam",NL,NL,Qianzhen plant,TWKHH,2026/12/10 18:00,Vessel,FORMOSA STAR,IMO9074729,NLRTM1,Frozen,Human consumption,internal market,10800,EMCU3811879,TW0458812,03046100,Oreochromis niloticus,Farmed stock,Frozen,600,CT,6000,TL261201"# + "\n"
        + #"KH-2026-0101,,,,,,,,,,,,,,,,,,,,,0306.17.92,Penaeus vannamei,Farmed stock,Frozen,400,CT,4.5 t,SH261202"# + "\n"

    @Test func documentParsesWithNamespaces() throws {
        let root = try Self.parsedRoot(Self.csv)
        #expect(root.name == "rsm:SPSCertificate")
        #expect(root.uri == "urn:un:unece:uncefact:data:standard:SPSCertificate:17")
        let document = try #require(Self.first(root, "SPSExchangedDocument"))
        #expect(document.uri == "urn:un:unece:uncefact:data:standard:SPSCertificate:17")
        #expect(Self.first(document, "ID")?.uri == "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21")
    }

    @Test func xmlDeclarationComesFirst() throws {
        let xml = try Self.xml(Self.csv)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
    }

    @Test func exchangedDocumentIdentifiesDraft() throws {
        let root = try Self.parsedRoot(Self.csv)
        #expect(Self.text(root, "SPSExchangedDocument", "ID") == "KH-2026-0101")
        #expect(Self.text(root, "SPSExchangedDocument", "TypeCode") == "853")
        let descriptions = Self.all(root, "SPSExchangedDocument", "Description").compactMap(\.stringValue)
        #expect(descriptions.contains { $0.contains("Draft") })
        #expect(descriptions.contains { $0.contains("input.csv") })
        #expect(descriptions.contains { $0.contains("草稿") })
    }

    @Test func authorityNotesGiveNames() throws {
        let root = try Self.parsedRoot(Self.csv)
        let contents = Self.all(root, "SPSExchangedDocument", "IncludedSPSNote").map { note in
            "\(Self.text(note, "Subject") ?? ""): \(Self.text(note, "Content") ?? "")"
        }
        // TWKHH, the place of loading, belongs to the Kaohsiung branch in the authority table.
        #expect(contents.contains("I.4 Local competent authority: BSMI Kaohsiung Branch"))
        #expect(contents.contains("I.3 Central competent authority: Bureau of Standards, Metrology and Inspection (BSMI)"))
    }

    @Test func partyNamesRoundTrip() throws {
        let root = try Self.parsedRoot(Self.csv)
        #expect(Self.text(root, "SPSConsignment", "ConsignorSPSParty", "Name") == #"Formosa & Sons <Aquatic> "Best" Co."#)
        #expect(Self.text(root, "SPSConsignment", "ConsigneeSPSParty", "Name") == "Noordkaap Seafood B.V.")
        #expect(Self.text(root, "SPSConsignment", "ConsignorSPSParty", "SpecifiedSPSAddress", "CountryID") == "TW")
        #expect(Self.text(root, "SPSConsignment", "ConsigneeSPSParty", "SpecifiedSPSAddress", "LineOne") == "Kadeweg 12, Rotterdam")
        #expect(Self.text(root, "SPSConsignment", "ConsigneeSPSParty", "SpecifiedSPSAddress", "CountryID") == "NL")
    }

    @Test func escapedNameInSource() throws {
        let xml = try Self.xml(Self.csv)
        #expect(xml.contains("Formosa &amp; Sons &lt;Aquatic&gt; &quot;Best&quot; Co."))
        #expect(!xml.contains("Sons <Aquatic>"))
    }

    @Test func countriesAndLocations() throws {
        let root = try Self.parsedRoot(Self.csv)
        #expect(Self.text(root, "SPSConsignment", "ExportSPSCountry", "ID") == "TW")
        #expect(Self.text(root, "SPSConsignment", "ImportSPSCountry", "ID") == "NL")
        #expect(Self.text(root, "SPSConsignment", "LoadingBaseportSPSLocation", "ID") == "TWKHH")
        #expect(Self.text(root, "SPSConsignment", "UnloadingBaseportSPSLocation", "ID") == "NLRTM1")
        #expect(Self.text(root, "SPSConsignment", "DespatchSPSParty", "Name") == "Qianzhen plant")
    }

    @Test func departureIsExportExitDateTime() throws {
        let root = try Self.parsedRoot(Self.csv)
        #expect(Self.text(root, "SPSConsignment", "ExportExitDateTime", "DateTime") == "2026-12-10T18:00:00+08:00")
    }

    @Test func departureDateWithoutTime() throws {
        let csv = Self.csv.replacingOccurrences(of: "2026/12/10 18:00", with: "2026/12/10")
        let root = try Self.parsedRoot(csv)
        let value = try #require(Self.first(root, "SPSConsignment", "ExportExitDateTime", "DateTimeString"))
        #expect(value.stringValue == "20261210")
        #expect(value.attribute(forName: "format")?.stringValue == "102")
    }

    @Test func vesselTransportMovement() throws {
        let root = try Self.parsedRoot(Self.csv)
        #expect(Self.text(root, "SPSConsignment", "MainCarriageSPSTransportMovement", "ModeCode") == "1")
        #expect(Self.text(root, "SPSConsignment", "MainCarriageSPSTransportMovement", "ID") == "IMO9074729")
        #expect(Self.text(root, "SPSConsignment", "MainCarriageSPSTransportMovement", "UsedSPSTransportMeans", "Name") == "FORMOSA STAR")
    }

    @Test func containerAndSeal() throws {
        let root = try Self.parsedRoot(Self.csv)
        let equipment = Self.all(root, "SPSConsignment", "UtilizedSPSTransportEquipment")
        #expect(equipment.count == 1)
        let id = try #require(Self.first(root, "SPSConsignment", "UtilizedSPSTransportEquipment", "ID"))
        #expect(id.stringValue == "EMCU3811879")
        #expect(id.attribute(forName: "schemeID")?.stringValue == "container_number")
        #expect(Self.text(root, "SPSConsignment", "UtilizedSPSTransportEquipment", "AffixedSPSSeal", "ID") == "TW0458812")
    }

    @Test func tradeLinesCarryCNCodes() throws {
        let lines = try Self.tradeLines(Self.csv)
        #expect(lines.count == 3)
        #expect(Self.text(lines[1], "SequenceNumeric") == "1")
        #expect(Self.text(lines[1], "ApplicableSPSClassification", "SystemID") == "CN")
        #expect(Self.text(lines[1], "ApplicableSPSClassification", "ClassCode") == "03046100")
        #expect(Self.text(lines[2], "ApplicableSPSClassification", "ClassCode") == "03061792")
    }

    @Test func tradeLineNetWeightInKilograms() throws {
        let lines = try Self.tradeLines(Self.csv)
        let first = try #require(Self.first(lines[1], "NetWeightMeasure"))
        #expect(first.stringValue == "6000")
        #expect(first.attribute(forName: "unitCode")?.stringValue == "KGM")
        #expect(Self.text(lines[2], "NetWeightMeasure") == "4500")
    }

    @Test func tradeLineSpeciesAndPackages() throws {
        let lines = try Self.tradeLines(Self.csv)
        #expect(Self.text(lines[1], "ScientificName") == "Oreochromis niloticus")
        let classifications = Self.all(lines[1], "ApplicableSPSClassification")
        #expect(classifications.count == 2)
        #expect(Self.text(classifications[1], "SystemID") == "ASFIS")
        #expect(Self.text(classifications[1], "ClassCode") == "TLN")
        #expect(Self.text(lines[1], "PhysicalSPSPackage", "TypeCode") == "CT")
        #expect(Self.text(lines[1], "PhysicalSPSPackage", "ItemQuantity") == "600")
        #expect(Self.text(lines[1], "ProductionBatchID") == "TL261201")
        #expect(Self.text(lines[1], "OriginSPSCountry", "ID") == "TW")
    }

    @Test func totalsLineCarriesGrossWeight() throws {
        let lines = try Self.tradeLines(Self.csv)
        #expect(Self.text(lines[0], "SequenceNumeric") == "0")
        let gross = try #require(Self.first(lines[0], "GrossWeightMeasure"))
        #expect(gross.stringValue == "10800")
        #expect(gross.attribute(forName: "unitCode")?.stringValue == "KGM")
        #expect(Self.text(lines[0], "NetWeightMeasure") == "10500")
        #expect(Self.text(lines[0], "PhysicalSPSPackage", "ItemQuantity") == "1000")
        #expect(Self.text(lines[0], "PhysicalSPSPackage", "TypeCode") == "CT")
    }

    @Test func controlCharacterKeepsDocumentWellFormed() throws {
        let csv = Self.csv.replacingOccurrences(of: "Noordkaap Seafood B.V.", with: "Noordkaap\u{01}Seafood")
        let root = try Self.parsedRoot(csv)
        #expect(Self.text(root, "SPSConsignment", "ConsigneeSPSParty", "Name") == "Noordkaap\u{FFFD}Seafood")
    }

    // MARK: - Helpers

    static func xml(_ csv: String) throws -> String {
        let report = try OutputTestSupport.report(csv: csv)
        let consignment = try #require(report.checked.consignments.first)
        return SPSCertificateXML.document(for: consignment, in: report, library: OutputTestSupport.library)
    }

    static func parsedRoot(_ csv: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: try xml(csv), options: [])
        return try #require(document.rootElement())
    }

    static func tradeLines(_ csv: String) throws -> [XMLElement] {
        let root = try parsedRoot(csv)
        return all(root, "SPSConsignment", "IncludedSPSConsignmentItem", "IncludedSPSTradeLineItem")
    }

    /// Returns every element reached by following child elements with these local names.
    static func all(_ element: XMLElement, _ path: String...) -> [XMLElement] {
        walk(element, path)
    }

    static func first(_ element: XMLElement, _ path: String...) -> XMLElement? {
        walk(element, path).first
    }

    static func text(_ element: XMLElement, _ path: String...) -> String? {
        walk(element, path).first?.stringValue
    }

    private static func walk(_ element: XMLElement, _ path: [String]) -> [XMLElement] {
        var current = [element]
        for name in path {
            current = current.flatMap { parent in
                (parent.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == name }
            }
        }
        return current
    }
}
