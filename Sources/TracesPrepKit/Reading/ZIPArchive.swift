import XLSXBridge

/// Caps that keep a hostile archive (a ZIP bomb, a directory of a million entries) from using
/// more memory than a real workbook needs.
public struct ZIPLimits: Sendable {
    public var maxMembers: Int
    /// Largest uncompressed size of one member that is read.
    public var maxMemberBytes: Int
    /// Largest sum of the uncompressed sizes of all members read from one archive.
    public var maxTotalBytes: Int

    /// A workbook of 10,000 rows of 40 columns has a sheet of about 20 MB, so these leave room
    /// for ten times that while bounding memory.
    public static let workbook = ZIPLimits(maxMembers: 10_000, maxMemberBytes: 200 * 1024 * 1024, maxTotalBytes: 400 * 1024 * 1024)
}

/// Why an archive or one of its members cannot be read.
public enum ZIPError: Error, Sendable, Equatable {
    /// No end-of-central-directory record: not a ZIP file, or cut short.
    case notAnArchive
    /// A header points outside the file or has the wrong signature.
    case corrupt(String)
    /// ZIP64 archives (over 65,535 members or 4 GiB) are not read.
    case zip64
    case encrypted(member: String)
    case unsupportedMethod(member: String, method: Int)
    case tooManyMembers(count: Int, limit: Int)
    case memberTooLarge(member: String, size: Int, limit: Int)
    case totalTooLarge(limit: Int)
    /// The member's data does not inflate to its declared size, or fails its CRC-32.
    case damagedMember(member: String)
}

/// One member as the central directory describes it.
public struct ZIPMember: Sendable {
    /// The name as stored. It is only ever compared with other names, never used as a path.
    public var name: String
    public var method: Int
    public var flags: Int
    public var crc32: UInt32
    public var compressedSize: Int
    public var uncompressedSize: Int
    public var localHeaderOffset: Int
    /// DOS date and time of the member, kept for copies.
    public var modified: (time: UInt16, date: UInt16)
}

/// Reads a ZIP archive held in memory: the central directory, then members on request, each
/// inflated through zlib no further than its declared size and checked against its CRC-32.
public struct ZIPArchive {
    public let bytes: [UInt8]
    public let members: [ZIPMember]
    public let limits: ZIPLimits
    private let byName: [String: Int]
    /// Uncompressed bytes handed out so far, against `limits.maxTotalBytes`.
    public private(set) var bytesRead = 0

    public init(bytes: [UInt8], limits: ZIPLimits = .workbook) throws {
        self.bytes = bytes
        self.limits = limits
        members = try Self.readCentralDirectory(bytes, limits: limits)
        var byName: [String: Int] = [:]
        for (index, member) in members.enumerated() where byName[member.name] == nil {
            byName[member.name] = index
        }
        self.byName = byName
    }

    public func member(named name: String) -> ZIPMember? {
        byName[name].map { members[$0] }
    }

    /// Returns the uncompressed data of the named member, or nil when there is no such member.
    public mutating func data(of name: String) throws -> [UInt8]? {
        guard let member = member(named: name) else { return nil }
        return try data(of: member)
    }

    public mutating func data(of member: ZIPMember) throws -> [UInt8] {
        if member.uncompressedSize > limits.maxMemberBytes {
            throw ZIPError.memberTooLarge(member: member.name, size: member.uncompressedSize, limit: limits.maxMemberBytes)
        }
        if bytesRead + member.uncompressedSize > limits.maxTotalBytes {
            throw ZIPError.totalTooLarge(limit: limits.maxTotalBytes)
        }
        let compressed = try compressedData(of: member)
        var output: [UInt8]
        switch member.method {
        case 0:
            guard compressed.count == member.uncompressedSize else { throw ZIPError.damagedMember(member: member.name) }
            output = Array(compressed)
        case 8:
            output = [UInt8](repeating: 0, count: member.uncompressedSize)
            var written = 0
            let status = compressed.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { buffer in
                    xlsx_inflate_raw(input.baseAddress, input.count, buffer.baseAddress, buffer.count, &written)
                }
            }
            guard status == XLSXInflateOK, written == member.uncompressedSize else {
                throw ZIPError.damagedMember(member: member.name)
            }
        default:
            throw ZIPError.unsupportedMethod(member: member.name, method: member.method)
        }
        let crc = output.withUnsafeBufferPointer { xlsx_crc32(0, $0.baseAddress, $0.count) }
        guard crc == member.crc32 else { throw ZIPError.damagedMember(member: member.name) }
        bytesRead += output.count
        return output
    }

    /// The member's stored (compressed) bytes, located through its local header.
    public func compressedData(of member: ZIPMember) throws -> ArraySlice<UInt8> {
        if member.flags & 1 != 0 { throw ZIPError.encrypted(member: member.name) }
        let offset = member.localHeaderOffset
        guard Self.uint32(bytes, offset) == 0x0403_4B50, let nameLength = Self.uint16(bytes, offset + 26),
              let extraLength = Self.uint16(bytes, offset + 28)
        else {
            throw ZIPError.corrupt("local header of \(member.name)")
        }
        let start = offset + 30 + Int(nameLength) + Int(extraLength)
        let (end, overflow) = start.addingReportingOverflow(member.compressedSize)
        guard !overflow, end <= bytes.count else { throw ZIPError.corrupt("data of \(member.name)") }
        return bytes[start..<end]
    }

    // MARK: - Central directory

    private static func readCentralDirectory(_ bytes: [UInt8], limits: ZIPLimits) throws -> [ZIPMember] {
        guard let end = findEndRecord(bytes) else { throw ZIPError.notAnArchive }
        guard let diskEntries = uint16(bytes, end + 8), let totalEntries = uint16(bytes, end + 10),
              let directorySize = uint32(bytes, end + 12), let directoryOffset = uint32(bytes, end + 16)
        else { throw ZIPError.notAnArchive }
        if totalEntries == 0xFFFF || directoryOffset == 0xFFFF_FFFF || directorySize == 0xFFFF_FFFF {
            throw ZIPError.zip64
        }
        if diskEntries != totalEntries { throw ZIPError.corrupt("archive split over several disks") }
        if Int(totalEntries) > limits.maxMembers {
            throw ZIPError.tooManyMembers(count: Int(totalEntries), limit: limits.maxMembers)
        }
        guard Int(directoryOffset) + Int(directorySize) <= end else { throw ZIPError.corrupt("central directory") }

        var members: [ZIPMember] = []
        var offset = Int(directoryOffset)
        for _ in 0..<Int(totalEntries) {
            guard uint32(bytes, offset) == 0x0201_4B50,
                  let flags = uint16(bytes, offset + 8), let method = uint16(bytes, offset + 10),
                  let time = uint16(bytes, offset + 12), let date = uint16(bytes, offset + 14),
                  let crc = uint32(bytes, offset + 16), let compressed = uint32(bytes, offset + 20),
                  let uncompressed = uint32(bytes, offset + 24), let nameLength = uint16(bytes, offset + 28),
                  let extraLength = uint16(bytes, offset + 30), let commentLength = uint16(bytes, offset + 32),
                  let localOffset = uint32(bytes, offset + 42)
            else { throw ZIPError.corrupt("central directory entry \(members.count + 1)") }
            let nameStart = offset + 46
            guard nameStart + Int(nameLength) <= end else { throw ZIPError.corrupt("central directory entry \(members.count + 1)") }
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                throw ZIPError.zip64
            }
            let name = String(decoding: bytes[nameStart..<(nameStart + Int(nameLength))], as: UTF8.self)
            members.append(ZIPMember(
                name: name, method: Int(method), flags: Int(flags), crc32: crc, compressedSize: Int(compressed),
                uncompressedSize: Int(uncompressed), localHeaderOffset: Int(localOffset), modified: (time, date)))
            offset = nameStart + Int(nameLength) + Int(extraLength) + Int(commentLength)
        }
        return members
    }

    /// The offset of the end-of-central-directory record, searched from the end of the file over
    /// the longest possible archive comment (65,535 bytes).
    private static func findEndRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 65_535)
        var offset = bytes.count - 22
        while offset >= lowest {
            if bytes[offset] == 0x50, uint32(bytes, offset) == 0x0605_4B50 {
                return offset
            }
            offset -= 1
        }
        return nil
    }

    static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32? {
        guard offset >= 0, offset + 4 <= bytes.count else { return nil }
        return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }
}
