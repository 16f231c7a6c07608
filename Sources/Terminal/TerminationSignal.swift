import Foundation
import Synchronization

/// SIGHUP (the SSH connection dropped), SIGTERM and SIGINT ask the console to end cleanly.
/// The handler only sets a lock-free flag, which is async-signal-safe; the draw loop checks it.
public enum TerminationSignal {
    private static let requested = Atomic<Int32>(0)
    private static let interruptCount = Atomic<Int>(0)

    public static func install() {
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig) { number in
                TerminationSignal.requested.store(number, ordering: .relaxed)
                if number != SIGHUP { TerminationSignal.interruptCount.add(1, ordering: .relaxed) }
            }
            sigaddset(&wanted, sig)
        }
        // A parent may have started us with these blocked; this thread, at least, receives them.
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        signal(SIGPIPE, SIG_IGN)
    }

    /// How many SIGINT and SIGTERM came (SIGHUP only says the terminal is gone): one asks to end, another
    /// insists.
    public static var interrupts: Int {
        interruptCount.load(ordering: .relaxed)
    }

    /// The signal that asked to end, or nil.
    public static var received: Int32? {
        let value = requested.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
