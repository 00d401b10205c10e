import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file-system step that failed, with the path and the system's reason.
public struct FileSystemError: Error, Sendable {
    public var path: String
    public var operation: String
    public var code: Int32

    public var reason: String { String(cString: strerror(code)) }

    /// True when the name was already taken (the caller picks another name).
    public var alreadyExists: Bool { code == EEXIST }

    public var message: LocalizedText {
        LocalizedText(
            zhTW: "無法\(operation)「\(path)」：\(reason)。請確認磁碟空間與權限。",
            en: "cannot \(operation) '\(path)': \(reason). Check free disk space and permissions.")
    }
}

/// Writes and moves files without ever replacing an existing one: data goes to a temporary name
/// in the same folder, is flushed to disk, and is then hard-linked to its final name, which
/// fails if that name exists.
public enum SafeFileWriter {
    /// Writes `bytes` to `url`, which must not exist yet.
    public static func writeNew(_ bytes: [UInt8], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(url.lastPathComponent)")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemError(path: temporary.path, operation: "create", code: errno) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(temporary.path)
                throw FileSystemError(path: url.path, operation: "write", code: code)
            }
            written += result
        }
        if fsync(descriptor) != 0 {
            let code = errno
            close(descriptor)
            unlink(temporary.path)
            throw FileSystemError(path: url.path, operation: "write", code: code)
        }
        close(descriptor)
        defer { unlink(temporary.path) }
        if link(temporary.path, url.path) != 0 {
            throw FileSystemError(path: url.path, operation: "create", code: errno)
        }
    }

    public static func writeNew(_ text: String, to url: URL) throws {
        try writeNew(Array(text.utf8), to: url)
    }

    /// Moves a file to `destination`, which must not exist: a hard link then an unlink, or, across
    /// file systems, a copy flushed to disk before the original is removed.
    public static func moveWithoutReplacing(_ source: URL, to destination: URL) throws {
        if link(source.path, destination.path) == 0 {
            if unlink(source.path) != 0 {
                throw FileSystemError(path: source.path, operation: "remove", code: errno)
            }
            return
        }
        let code = errno
        guard code == EXDEV || code == EPERM else {
            throw FileSystemError(path: destination.path, operation: "move to", code: code)
        }
        let data: Data
        do {
            data = try Data(contentsOf: source)
        } catch {
            throw FileSystemError(path: source.path, operation: "read", code: EIO)
        }
        try writeNew([UInt8](data), to: destination)
        if unlink(source.path) != 0 {
            throw FileSystemError(path: source.path, operation: "remove", code: errno)
        }
    }

    /// Creates a new folder named `base`, or `base-2`, `base-3` … when the name is taken.
    public static func createUniqueFolder(in parent: URL, base: String) throws -> URL {
        for attempt in 1...10_000 {
            let name = attempt == 1 ? base : "\(base)-\(attempt)"
            let url = parent.appendingPathComponent(name)
            if mkdir(url.path, 0o755) == 0 { return url }
            if errno != EEXIST { throw FileSystemError(path: url.path, operation: "create", code: errno) }
        }
        throw FileSystemError(path: parent.appendingPathComponent(base).path, operation: "create", code: EEXIST)
    }

    /// The first of `name`, `stem-2.ext`, `stem-3.ext` … that does not exist in `folder`.
    public static func unusedName(_ name: String, in folder: URL) -> URL {
        let original = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: original.path) else { return original }
        let stem = (name as NSString).deletingPathExtension
        let pathExtension = (name as NSString).pathExtension
        for attempt in 2...100_000 {
            let candidate = folder.appendingPathComponent(
                pathExtension.isEmpty ? "\(stem)-\(attempt)" : "\(stem)-\(attempt).\(pathExtension)")
            if !FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return folder.appendingPathComponent("\(name)-\(UUID().uuidString)")
    }

    /// Creates a folder and its parents if missing.
    public static func ensureFolder(_ url: URL) throws {
        var path = ""
        for component in url.standardizedFileURL.path.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw FileSystemError(path: path, operation: "create", code: errno)
            }
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw FileSystemError(path: url.path, operation: "create", code: ENOTDIR)
        }
    }
}
