import SHA256Blocks

/// SHA-256 (FIPS 180-4), for the input digest in reports; Foundation on Linux has no CryptoKit.
/// Feed bytes with `update` and read the digest with `hexDigest()`, or hash a whole buffer with
/// `hexDigest(_:)`.
public struct SHA256 {
    private var state: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]
    /// Bytes of an incomplete block, waiting for the next `update` or the padding.
    private var pending: [UInt8] = []
    private var byteCount: UInt64 = 0

    /// False to use the plain C compression function even where the SHA instructions exist.
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

    /// True when the processor has the SHA instructions that `sha256_blocks_hardware` uses.
    static let hardwareAvailable = sha256_hardware_available() == 1

    /// Runs the compression function over whole 64-byte blocks, in C.
    private mutating func compress(blocksOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let hardware = usesHardware
        state.withUnsafeMutableBufferPointer { state in
            if hardware {
                sha256_blocks_hardware(state.baseAddress!, base, bytes.count / 64)
            } else {
                sha256_blocks_portable(state.baseAddress!, base, bytes.count / 64)
            }
        }
    }
}
