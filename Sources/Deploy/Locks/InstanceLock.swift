import Foundation
import HBModel

/// One hbdeck at a time acts on an instance of an engine: an exclusive `flock` on a file in hbdeck's own folder,
/// held for the action. The kernel releases it when the process ends, so a killed hbdeck leaves no lock behind.
/// Two consoles, or a console and `hbdeck stop`, never both send a bot its stop.
public final class InstanceLock: Sendable {
    /// Another hbdeck holds the lock.
    public struct Busy: Error, Sendable, CustomStringConvertible {
        public let name: String
        /// The process that holds it, as it wrote itself into the file.
        public let holder: String?

        public var description: String {
            "\(name) is busy with another hbdeck's action\(holder.map { " (pid \($0))" } ?? ""): nothing was done"
        }
    }

    private let lock: ExclusiveFileLock

    private init(_ lock: ExclusiveFileLock) {
        self.lock = lock
    }

    /// The folder of locks beside the audit log (`.hbdeck/locks` in the bots folder).
    public static func folder(botsFolder: String?) -> URL {
        AuditLog.location(botsFolder: botsFolder).file.deletingLastPathComponent().appendingPathComponent("locks")
    }

    /// Takes `name`'s lock on `engine` (its address), or says who holds it. A lock that cannot be made at all
    /// (a folder that cannot be written) does not stop the action: nil, and the in-process rule still holds.
    public static func acquire(_ name: String, engine: String, in folder: URL) -> Result<InstanceLock?, Busy> {
        let key = (engine + "--" + name).map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" }
        switch ExclusiveFileLock.take(folder.appendingPathComponent(String(key) + ".lock").path) {
        case nil: return .success(nil)
        case .success(let lock)?: return .success(InstanceLock(lock))
        case .failure(let held)?: return .failure(Busy(name: name, holder: held.holder))
        }
    }

    public func release() { lock.release() }

}
