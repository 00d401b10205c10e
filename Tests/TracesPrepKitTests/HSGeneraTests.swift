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
        #expect(SpeciesForCNCheck.genera(in: "flat fish (Pleuronectidae, Bothidae, Scophthalmidae and Citharidae)").isEmpty)
    }
}
