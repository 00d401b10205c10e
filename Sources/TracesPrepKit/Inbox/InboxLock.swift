import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on an inbox (`flock` on `.tracesprep.lock` inside it), holding the
/// owner's process id so a second instance can name it. The kernel releases the lock when
/// the process dies, so a crash never leaves the inbox locked.
public final class InboxLock {
    private let descriptor: Int32

    /// Another process holds the inbox.
    public struct Busy: Error, Sendable {
        public var holder: String
    }

    public init(inbox: URL) throws {
        let path = inbox.appendingPathComponent(".tracesprep.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemError(path: path, operation: "create", code: errno) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = read(descriptor, &buffer, buffer.count)
            close(descriptor)
            let holder = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingWhitespace() : "?"
            throw Busy(holder: holder)
        }
        ftruncate(descriptor, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
