import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An inotify descriptor watching one folder for files being created, written, moved, deleted
/// or changed in their attributes. The watcher uses it only to wake up early. It learns what
/// changed by scanning the folder, so the events' names are not read.
///
/// NOTE: inotify(7) reports only changes made through this machine's file system calls, so it
/// misses remote changes on NFS and CIFS mounts. The watcher therefore keeps scanning at the poll
/// interval even when inotify works.
final class DirectoryEvents {
    /// Summary of the events one `drain()` read.
    struct Batch: Equatable {
        var count = 0
        /// The kernel dropped events (`IN_Q_OVERFLOW`).
        var overflowed = false
        /// The watch ended (`IN_IGNORED`), for example because the folder was deleted or unmounted.
        var watchRemoved = false
    }

    /// Nonblocking and close-on-exec, for `poll(2)`.
    let descriptor: Int32

    static let mask: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE) | UInt32(IN_MODIFY)
        | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM) | UInt32(IN_ATTRIB)

    /// Starts watching `folder`.
    /// - Throws: `FileSystemError` with the system's reason when inotify is unavailable or the
    ///   folder cannot be watched (too many watches, a file system without inotify support).
    init(watching folder: URL) throws {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw FileSystemError(path: folder.path, operation: "watch", code: errno)
        }
        guard inotify_add_watch(descriptor, folder.path, Self.mask) >= 0 else {
            let code = errno
            close(descriptor)
            throw FileSystemError(path: folder.path, operation: "watch", code: code)
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Reads every queued event without blocking.
    func drain() -> Batch {
        var batch = Batch()
        // inotify(7): sizeof(struct inotify_event) + NAME_MAX + 1 bytes hold at least one event.
        // 64 KiB reads many events per call.
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let headerSize = MemoryLayout<inotify_event>.size
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }

            var offset = 0
            while offset + headerSize <= count {
                // struct inotify_event: wd (int32), mask (uint32), cookie (uint32), len (uint32), name[len].
                let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
                let nameLength = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) }
                batch.count += 1
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { batch.overflowed = true }
                if mask & UInt32(IN_IGNORED) != 0 { batch.watchRemoved = true }
                offset += headerSize + Int(nameLength)
            }
        }
        return batch
    }
}
