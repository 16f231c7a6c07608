import Foundation
import Synchronization

/// The right to send alerts from this state folder: an exclusive `flock` on `alerts.lock`, held while the
/// process runs and dropped by the kernel when it ends.
final class AlertLease: Sendable {
    private let descriptor: Mutex<Int32?>

    private init(_ fd: Int32) {
        descriptor = Mutex(fd)
    }

    /// The lease, or nil while another hbdeck holds it (or the folder cannot be written).
    static func take(in folder: URL) -> AlertLease? {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fd = open(
            folder.appendingPathComponent("alerts.lock").path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        return AlertLease(fd)
    }

    func release() {
        descriptor.withLock { fd in
            guard let open = fd else { return }
            flock(open, LOCK_UN)
            close(open)
            fd = nil
        }
    }

    deinit { release() }
}
