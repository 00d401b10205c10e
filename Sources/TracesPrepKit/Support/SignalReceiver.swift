import CSignalFD
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Receives signals through a `signalfd(2)` descriptor instead of a handler, so a long-running
/// command can wait for a signal and for file events in one `poll(2)` call and act on the signal
/// only between two files.
///
/// Create it on the main thread before any other thread starts. It blocks the signals in the
/// calling thread only, and threads inherit the mask when they are created. The kernel delivers
/// a process-wide signal to any thread that does not block it, with its default action, which
/// ends the process for SIGINT, SIGTERM and SIGHUP.
public final class SignalReceiver {
    /// Nonblocking and close-on-exec, for `poll(2)`.
    let descriptor: Int32
    private var previousMask = sigset_t()

    /// Blocks `signals` in the calling thread and opens a descriptor that reads them.
    /// - Throws: `FileSystemError` when the descriptor cannot be created.
    public init(_ signals: [Int32]) throws {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals {
            sigaddset(&set, signal)
        }
        pthread_sigmask(SIG_BLOCK, &set, &previousMask)
        let descriptor = signalfd(-1, &set, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
        guard descriptor >= 0 else {
            let code = errno
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
            throw FileSystemError(path: "signalfd", operation: "create", code: code)
        }
        self.descriptor = descriptor
    }

    /// Drains the signals still queued, so that unblocking them does not deliver them with their
    /// default action, then restores the thread's signal mask. Must run on the creating thread.
    /// NOTE: a signal that arrives between the drain and the restore still gets its default action.
    deinit {
        while nextSignal() != nil {}
        close(descriptor)
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
    }

    /// Returns the number of the next queued signal, or nil when none is queued.
    public func nextSignal() -> Int32? {
        var info = signalfd_siginfo()
        let size = MemoryLayout<signalfd_siginfo>.size
        while true {
            let count = read(descriptor, &info, size)
            if count < 0 && errno == EINTR { continue }
            return count == size ? Int32(bitPattern: info.ssi_signo) : nil
        }
    }

    /// Returns the conventional name of a signal number (`SIGTERM`), for logs.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(signal)"
        }
    }
}
