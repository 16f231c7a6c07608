import Foundation
import HBModel

/// The right to send alerts from this state folder: `alerts.lock` held while the process runs.
enum AlertLease {
    /// The lease, or nil while another hbdeck holds it (or the folder cannot be written).
    static func take(in folder: URL) -> ExclusiveFileLock? {
        guard case .success(let lock)? = ExclusiveFileLock.take(folder.appendingPathComponent("alerts.lock").path)
        else { return nil }
        return lock
    }
}
