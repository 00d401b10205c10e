import Testing

@testable import TracesPrepKit

/// The input digest in reports: the FIPS 180-4 example messages, and the same digest whatever
/// the sizes of the pieces the bytes arrive in.
@Suite struct SHA256Tests {
    @Test func digestsOfTheStandardExamples() {
        #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hexDigest(Array(twoBlocks.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func piecesGiveTheDigestOfTheWhole() {
        // Pieces of 1 to 1,001 bytes start and end at every offset within a 64-byte block.
        var hasher = SHA256()
        var remaining = 1_000_000
        var piece = 1
        while remaining > 0 {
            let count = min(piece, remaining)
            hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
            remaining -= count
            piece = piece * 3 % 1_001 + 1
        }
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")

        var split = SHA256()
        split.update(Array("abcdbcdecdefdefgefghfghighijhijkijkl".utf8))
        split.update(Array("jklmklmnlmnomnopnopq".utf8))
        #expect(split.hexDigest() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func hardwareAndPortableAgree() {
        // 100,000 bytes of a fixed pseudo-random sequence, hashed in pieces that cross block edges.
        var generator: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<100_000).map { _ -> UInt8 in
            generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: generator >> 56)
        }
        var hardware = SHA256()
        var portable = SHA256(hardware: false)
        for start in stride(from: 0, to: bytes.count, by: 999) {
            let piece = Array(bytes[start..<min(start + 999, bytes.count)])
            hardware.update(piece)
            portable.update(piece)
        }
        #expect(hardware.hexDigest() == portable.hexDigest())
        #expect(hardware.hexDigest() == SHA256.hexDigest(bytes))
    }

    @Test func portablePathGivesStandardDigest() {
        var portable = SHA256(hardware: false)
        portable.update(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        #expect(portable.hexDigest() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
