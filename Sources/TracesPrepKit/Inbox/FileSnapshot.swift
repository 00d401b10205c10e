import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Identity and content stamp of one file, from `stat(2)`. Device and inode identify the file a
/// name points to, and size and modification time show whether its content changed.
public struct FileSnapshot: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    /// Modification time in nanoseconds since 1970-01-01 UTC.
    public var modificationTime: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modificationTime: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modificationTime = modificationTime
    }

    /// Lists the regular files directly in `folder` (following symbolic links, as `run` does) with
    /// their snapshots. A name that disappears between the listing and `stat` is left out.
    /// - Throws: `FileSystemError` when the folder cannot be opened or read.
    public static func scan(_ folder: URL) throws -> [String: FileSnapshot] {
        guard let directory = opendir(folder.path) else {
            throw FileSystemError(path: folder.path, operation: "read", code: errno)
        }
        defer { closedir(directory) }

        var snapshots: [String: FileSnapshot] = [:]
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw FileSystemError(path: folder.path, operation: "read", code: errno) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }

            var status = stat()
            guard stat(folder.appendingPathComponent(name).path, &status) == 0 else { continue }
            guard status.st_mode & S_IFMT == S_IFREG else { continue }
            snapshots[name] = FileSnapshot(
                device: UInt64(status.st_dev),
                inode: UInt64(status.st_ino),
                size: Int64(status.st_size),
                modificationTime: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec))
        }
        return snapshots
    }
}
