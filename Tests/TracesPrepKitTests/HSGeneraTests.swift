import Testing
@testable import TracesPrepKit

@Suite("Genera named in HS texts")
struct HSGeneraTests {
    @Test func genusWithSpeciesIsTaken() {
        #expect(SpeciesForCNCheck.genera(in: "Fish fillets; frozen, of tilapias (Oreochromis spp.)") == ["Oreochromis"])
        #expect(SpeciesForCNCheck.genera(in: "catfish (Pangasius spp., Silurus spp., Clarias spp.)") == ["Pangasius", "Silurus", "Clarias"])
    }

    @Test func familyNamesAreSkipped() {
        let clams = "Molluscs; clams, cockles and ark shells (families Arcidae, Arcticidae, Cardiidae, Donacidae, "
            + "Hiatellidae, Mactridae, Mesodesmatidae, Myidae, Semelidae, Solecurtidae, Solenidae, Tridacnidae and Veneridae)"
        #expect(SpeciesForCNCheck.genera(in: clams).isEmpty)
        // 0304 87 names the tunas by genus; 1604 14 qualifies only bonito, so it limits nothing.
        let tunaFillets = "Fish fillets; frozen, tunas (of the genus Thunnus), skipjack tuna (stripe-bellied bonito) (Katsuwonus pelamis)"
        #expect(SpeciesForCNCheck.genera(in: tunaFillets) == ["Thunnus", "Katsuwonus"])
        let tunaPreparations = "Fish preparations; tunas, skipjack tuna and bonito (Sarda spp.), prepared or preserved"
        #expect(SpeciesForCNCheck.genera(in: tunaPreparations).isEmpty)
        #expect(SpeciesForCNCheck.genera(in: "Fish; fresh or chilled, tilapias (Oreochromis spp.)") == ["Oreochromis"])
        #expect(SpeciesForCNCheck.genera(in: "flat fish (Pleuronectidae, Bothidae, Scophthalmidae and Citharidae)").isEmpty)
    }
}
