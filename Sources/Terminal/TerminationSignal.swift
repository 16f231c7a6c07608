import Foundation
import Synchronization

/// SIGHUP (the SSH connection dropped), SIGTERM and SIGINT ask the console to end cleanly.
/// The handler only sets a lock-free flag, which is async-signal-safe; the draw loop checks it.
public enum TerminationSignal {
    private static let requested = Atomic<Int32>(0)

    public static func install() {
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig) { number in TerminationSignal.requested.store(number, ordering: .relaxed) }
            sigaddset(&wanted, sig)
        }
        // A parent may have started us with these blocked; this thread, at least, receives them.
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        signal(SIGPIPE, SIG_IGN)
    }

    /// The signal that asked to end, or nil.
    public static var received: Int32? {
        let value = requested.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
