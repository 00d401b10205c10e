import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on an inbox (`flock` on `.tracesprep.lock` inside it), holding the
/// owner's process id and command (`run` or `watch`) so a second instance can name them. The kernel releases the lock when
/// the process dies, so a crash never leaves the inbox locked.
public final class InboxLock {
    private let descriptor: Int32

    /// Another process has the inbox locked.
    public struct Busy: Error, Sendable {
        /// Process id of the holder.
        public var holder: String
        /// The holder's command, `run` or `watch`, when the lock file names it.
        public var command: String?
    }

    public init(inbox: URL, command: String = "run") throws {
        let path = inbox.appendingPathComponent(".tracesprep.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemError(path: path, operation: "create", code: errno) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = read(descriptor, &buffer, buffer.count)
            close(descriptor)
            let words = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self).split(separator: " ") : []
            let holder = words.first.map { String($0).trimmingWhitespace() } ?? "?"
            throw Busy(holder: holder, command: words.dropFirst().first.map { String($0).trimmingWhitespace() })
        }
        ftruncate(descriptor, 0)
        let pid = Array("\(getpid()) \(command)\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
