import Foundation
import Synchronization

/// An exclusive `flock` on a file of hbdeck's own, held until `release` or the end of the process (the kernel
/// drops it then, so a killed hbdeck leaves no lock behind). The holder writes its pid into the file.
public final class ExclusiveFileLock: Sendable {
    /// Another process holds it; `holder` is the pid it wrote, when it did.
    public struct Held: Error, Sendable {
        public let holder: String?
    }

    private let descriptor: Mutex<Int32?>

    private init(_ fd: Int32) {
        descriptor = Mutex(fd)
    }

    /// Takes the lock on `path`, never through a link, without waiting. Nil when the file cannot be made at all
    /// (a folder that cannot be written): the caller decides what that means.
    public static func take(_ path: String) -> Result<ExclusiveFileLock, Held>? {
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var bytes = [UInt8](repeating: 0, count: 32)
            let read = pread(fd, &bytes, 32, 0)
            close(fd)
            let holder = read > 0 ? String(decoding: bytes.prefix(read), as: UTF8.self) : nil
            return .failure(Held(holder: holder?.isEmpty == false ? holder : nil))
        }
        let pid = Array(String(getpid()).utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        return .success(ExclusiveFileLock(fd))
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
