import Foundation
import Synchronization

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

    private let descriptor: Mutex<Int32?>

    private init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    /// The folder of locks beside the audit log (`.hbdeck/locks` in the bots folder).
    public static func folder(botsFolder: String?) -> URL {
        AuditLog.location(botsFolder: botsFolder).file.deletingLastPathComponent().appendingPathComponent("locks")
    }

    /// Takes `name`'s lock on `engine` (its address), or says who holds it. A lock that cannot be made at all
    /// (a folder that cannot be written) does not stop the action: nil, and the in-process rule still holds.
    public static func acquire(_ name: String, engine: String, in folder: URL) -> Result<InstanceLock?, Busy> {
        let key = (engine + "--" + name).map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" }
        let path = folder.appendingPathComponent(String(key) + ".lock").path
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return .success(nil) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var bytes = [UInt8](repeating: 0, count: 32)
            let read = pread(fd, &bytes, 32, 0)
            close(fd)
            let holder = read > 0 ? String(decoding: bytes.prefix(read), as: UTF8.self) : nil
            return .failure(Busy(name: name, holder: holder?.isEmpty == false ? holder : nil))
        }
        let pid = Array(String(getpid()).utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        return .success(InstanceLock(descriptor: fd))
    }

    public func release() {
        descriptor.withLock { fd in
            guard let open = fd else { return }
            flock(open, LOCK_UN)
            close(open)
            fd = nil
        }
    }

    deinit { release() }
}
