import XLSXBridge

/// Builds a ZIP archive in memory: members stored or deflated through zlib, or copied from another
/// archive without inflating them. No ZIP64, so the archive must stay under 4 GiB.
public struct ZIPWriter {
    private var output: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    public init() {}

    /// Adds a member, deflated unless `compress` is false.
    public mutating func add(_ name: String, _ data: [UInt8], compress: Bool = true) {
        let crc = data.withUnsafeBufferPointer { xlsx_crc32(0, $0.baseAddress, $0.count) }
        var stored = data
        var method: UInt16 = 0
        if compress {
            var deflated = [UInt8](repeating: 0, count: xlsx_deflate_bound(data.count))
            var written = 0
            let status = data.withUnsafeBufferPointer { input in
                deflated.withUnsafeMutableBufferPointer { buffer in
                    xlsx_deflate_raw(input.baseAddress, input.count, buffer.baseAddress, buffer.count, &written)
                }
            }
            // Stored is always valid, so a failed deflate only costs size.
            if status == 0 {
                stored = Array(deflated[0..<written])
                method = 8
            }
        }
        append(name: name, method: method, crc: crc, stored: stored[...], uncompressedSize: data.count, modified: (0, 0x21))
    }

    /// Copies a member of `archive` as it is stored, without inflating it.
    public mutating func copy(_ member: ZIPMember, from archive: ZIPArchive) throws {
        let stored = try archive.compressedData(of: member)
        append(
            name: member.name, method: UInt16(member.method), crc: member.crc32, stored: stored,
            uncompressedSize: member.uncompressedSize, modified: member.modified)
    }

    /// Returns the archive: the members, the central directory and its end record.
    public func bytes() -> [UInt8] {
        var archive = output
        let directoryOffset = archive.count
        archive += directory
        archive += Self.le32(0x0605_4B50) + Self.le16(0) + Self.le16(0)
        archive += Self.le16(UInt16(count)) + Self.le16(UInt16(count))
        archive += Self.le32(UInt32(directory.count)) + Self.le32(UInt32(directoryOffset)) + Self.le16(0)
        return archive
    }

    private mutating func append(
        name: String, method: UInt16, crc: UInt32, stored: ArraySlice<UInt8>, uncompressedSize: Int,
        modified: (time: UInt16, date: UInt16)
    ) {
        let nameBytes = Array(name.utf8)
        let offset = output.count
        // Bit 11: the name is UTF-8.
        let flags: UInt16 = 0x0800
        output += Self.le32(0x0403_4B50) + Self.le16(20) + Self.le16(flags) + Self.le16(method)
        output += Self.le16(modified.time) + Self.le16(modified.date) + Self.le32(crc)
        output += Self.le32(UInt32(stored.count)) + Self.le32(UInt32(uncompressedSize))
        output += Self.le16(UInt16(nameBytes.count)) + Self.le16(0) + nameBytes
        output += stored

        directory += Self.le32(0x0201_4B50) + Self.le16(20) + Self.le16(20) + Self.le16(flags) + Self.le16(method)
        directory += Self.le16(modified.time) + Self.le16(modified.date) + Self.le32(crc)
        directory += Self.le32(UInt32(stored.count)) + Self.le32(UInt32(uncompressedSize))
        directory += Self.le16(UInt16(nameBytes.count)) + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(0)
        directory += Self.le32(0) + Self.le32(UInt32(offset)) + nameBytes
        count += 1
    }

    private static func le16(_ value: UInt16) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    private static func le32(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
}
