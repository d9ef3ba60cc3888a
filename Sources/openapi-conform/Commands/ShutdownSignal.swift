import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT (Ctrl-C) and SIGTERM end a live command cleanly instead of killing it: the waiting task resumes, stops
/// the server and writes the report. Installed before the server starts (a signal right after the address line
/// must not kill the process).
///
/// A C handler writes a byte to a pipe, and a thread of its own, with both signals unblocked, reads it. Not a
/// Dispatch signal source: a process started by another (a test runner, a CI agent) can inherit these signals
/// blocked or ignored, and then a Dispatch source never fired and the mock ran on after SIGINT.
final class ShutdownSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var signalled = false
    private var continuation: CheckedContinuation<Void, Never>?

    /// The pipe the handler writes to; a handler may touch nothing but a global.
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// Takes SIGINT and SIGTERM from now on.
    static func install() -> ShutdownSignal {
        let shutdown = ShutdownSignal()
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return shutdown }
        writeEnd = ends[1]
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            #if os(Linux)
            action.__sigaction_handler.sa_handler = { _ in
                var byte: UInt8 = 1
                _ = write(ShutdownSignal.writeEnd, &byte, 1)
            }
            #else
            action.__sigaction_u.__sa_handler = { _ in
                var byte: UInt8 = 1
                _ = write(ShutdownSignal.writeEnd, &byte, 1)
            }
            #endif
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
        let readEnd = ends[0]
        let thread = Thread {
            // This thread takes the signals even if every other thread inherited them blocked.
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            sigaddset(&set, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) < 0, errno == EINTR {}
            shutdown.fire()
        }
        thread.start()
        return shutdown
    }

    /// Returns once a signal has arrived (at once if one already has).
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if signalled {
                lock.unlock()
                continuation.resume()
                return
            }
            self.continuation = continuation
            lock.unlock()
        }
    }

    private func fire() {
        lock.lock()
        signalled = true
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume()
    }
}
