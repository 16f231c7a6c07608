import Foundation

/// Writes a file so that a kill at any moment leaves the old content or the new, never a torn file:
/// a temporary file beside it, fsync, rename over, fsync of the folder.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, permissions: mode_t? = nil) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).hbdeck-tmp-\(UInt32.random(in: 0...UInt32.max))")
        let mode = permissions ?? Self.permissions(of: url) ?? 0o644
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Self.error("cannot create \(temporary.path)") }
        var ok = true
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    return
                }
                offset += written
            }
        }
        if ok { ok = fsync(fd) == 0 }
        close(fd)
        guard ok, rename(temporary.path, url.path) == 0 else {
            let failure = Self.error("cannot write \(url.path)")
            unlink(temporary.path)
            throw failure
        }
        let folderFD = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }

    static func permissions(of url: URL) -> mode_t? {
        var info = stat()
        return stat(url.path, &info) == 0 ? info.st_mode & 0o7777 : nil
    }

    static func error(_ what: String) -> NSError {
        NSError(
            domain: "hbdeck", code: Int(errno),
            userInfo: [NSLocalizedDescriptionKey: "\(what): \(String(cString: strerror(errno)))"])
    }
}
