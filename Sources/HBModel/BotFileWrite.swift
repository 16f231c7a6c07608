import Foundation

/// Writes a file beneath a folder bots can write into, as ``BotFile`` reads one: every folder on the way
/// opened with no symlink followed (and made when missing), the file itself replaced by a rename within the
/// folder descriptor it was checked in, so a link or FIFO a bot put at the path, or a folder it swapped for a
/// link meanwhile, is refused instead of written through. A kill at any moment leaves the old content or
/// the new, never a torn file.
public enum BotFileWrite {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `data` to `relative` beneath `root`; the file keeps its permissions, a new one gets
    /// `permissions` (0644 when nil).
    public static func write(_ data: Data, to relative: String, beneath root: String, permissions: mode_t? = nil)
        throws(Failure)
    {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw Failure(description: "\(relative): a path that leaves the folder")
        }
        let folder = try openFolder(parts.dropLast(), beneath: root, relative: relative)
        defer { close(folder) }
        let name = parts[parts.count - 1]
        var info = stat()
        var mode = permissions ?? 0o644
        if fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                let what = (info.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "not a regular file"
                throw Failure(description: "\(relative) is \(what): hbdeck does not write through it")
            }
            if permissions == nil { mode = info.st_mode & 0o777 }
        }
        let temporary = ".\(name).hbdeck-tmp-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = openat(folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot create a file beside \(relative)") }
        var ok = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        // The umask may have narrowed the mode open gave it.
        if ok { ok = fchmod(descriptor, mode) == 0 && fsync(descriptor) == 0 }
        close(descriptor)
        guard ok, renameat(folder, temporary, folder, name) == 0 else {
            let problem = failure("cannot write \(relative)")
            unlinkat(folder, temporary, 0)
            throw problem
        }
        fsync(folder)
    }

    /// Removes the temporary files a killed write left beside `relative`.
    public static func removeLeftovers(of relative: String, beneath root: String) {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1,
            let folder = try? openFolder(parts.dropLast(), beneath: root, relative: relative, creating: false)
        else { return }
        defer { close(folder) }
        let prefix = ".\(parts[parts.count - 1]).hbdeck-tmp-"
        guard let listing = fdopendir(dup(folder)) else { return }
        defer { closedir(listing) }
        var stale: [String] = []
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(prefix) { stale.append(name) }
        }
        for name in stale { unlinkat(folder, name, 0) }
    }

    private static func openFolder(
        _ parts: ArraySlice<String>, beneath root: String, relative: String, creating: Bool = true
    ) throws(Failure) -> Int32 {
        var folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw failure("cannot open \(root)") }
        for part in parts {
            var next = openat(folder, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, errno == ENOENT, creating, mkdirat(folder, part, 0o755) == 0 || errno == EEXIST {
                next = openat(folder, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let code = errno
            close(folder)
            guard next >= 0 else {
                errno = code
                throw code == ELOOP || code == ENOTDIR
                    ? Failure(
                        description:
                            "\(relative): \(part) on its way is a symbolic link or not a folder; hbdeck does not write through it"
                    )
                    : failure("cannot open the folder of \(relative)")
            }
            folder = next
        }
        return folder
    }

    private static func failure(_ what: String) -> Failure {
        Failure(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
