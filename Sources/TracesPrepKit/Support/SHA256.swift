import SHA256Blocks

/// SHA-256 (FIPS 180-4), for the input digest in reports; Foundation on Linux has no CryptoKit.
/// Feed bytes with `update` and read the digest with `hexDigest()`, or hash a whole buffer with
/// `hexDigest(_:)`.
public struct SHA256 {
    private static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    private var state: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]
    /// Bytes of an incomplete block, waiting for the next `update` or the padding.
    private var pending: [UInt8] = []
    private var byteCount: UInt64 = 0

    /// False to use the Swift compression function even where the SHA instructions exist.
    private var usesHardware = SHA256.hardwareAvailable

    public init() {}

    /// Creates a hasher that never uses the SHA instructions, so tests can compare both ways.
    init(hardware: Bool) {
        usesHardware = hardware && Self.hardwareAvailable
    }

    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.hexDigest()
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update($0) }
    }

    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        byteCount &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let copied = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<copied])
            start = copied
            guard pending.count == 64 else { return }
            let block = pending
            block.withUnsafeBufferPointer { compress(blocksOf: UnsafeBufferPointer(rebasing: $0[0..<64])) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (bytes.count - start) / 64 * 64
        if whole > 0 { compress(blocksOf: UnsafeBufferPointer(rebasing: bytes[start..<(start + whole)])) }
        pending.append(contentsOf: bytes[(start + whole)...])
    }

    /// Pads the message and returns the digest. The hasher is not changed, so more bytes may follow.
    public func hexDigest() -> String {
        var copy = self
        let bitLength = byteCount &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBufferPointer { copy.compress(blocksOf: $0) }
        return copy.state.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    /// True when the processor's SHA instructions can be used; they are several times faster.
    static let hardwareAvailable = sha256_hardware_available() == 1

    /// Runs the compression function over whole 64-byte blocks.
    private mutating func compress(blocksOf bytes: UnsafeBufferPointer<UInt8>) {
        if usesHardware, let base = bytes.baseAddress {
            state.withUnsafeMutableBufferPointer { sha256_blocks_hardware($0.baseAddress!, base, bytes.count / 64) }
            return
        }
        compressPortably(blocksOf: bytes)
    }

    /// Runs the compression function in Swift, for processors without the SHA instructions.
    private mutating func compressPortably(blocksOf bytes: UnsafeBufferPointer<UInt8>) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            Self.roundConstants.withUnsafeBufferPointer { constants in
                state.withUnsafeMutableBufferPointer { state in
                    var blockStart = 0
                    while blockStart + 64 <= bytes.count {
                        for index in 0..<16 {
                            let offset = blockStart + index * 4
                            schedule[index] = UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
                                | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
                        }
                        for index in 16..<64 {
                            let s0 = rotate(schedule[index - 15], 7) ^ rotate(schedule[index - 15], 18) ^ (schedule[index - 15] >> 3)
                            let s1 = rotate(schedule[index - 2], 17) ^ rotate(schedule[index - 2], 19) ^ (schedule[index - 2] >> 10)
                            schedule[index] = schedule[index - 16] &+ s0 &+ schedule[index - 7] &+ s1
                        }
                        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
                        for index in 0..<64 {
                            let sum1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                            let choice = (e & f) ^ (~e & g)
                            let temp1 = h &+ sum1 &+ choice &+ constants[index] &+ schedule[index]
                            let sum0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                            let majority = (a & b) ^ (a & c) ^ (b & c)
                            let temp2 = sum0 &+ majority
                            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
                        }
                        state[0] &+= a
                        state[1] &+= b
                        state[2] &+= c
                        state[3] &+= d
                        state[4] &+= e
                        state[5] &+= f
                        state[6] &+= g
                        state[7] &+= h
                        blockStart += 64
                    }
                }
            }
        }
    }
}

private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
    (value >> count) | (value << (32 - count))
}
