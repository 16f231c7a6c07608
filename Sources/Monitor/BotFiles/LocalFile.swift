import Foundation

/// Small reads of a bot's files on this machine, bounded: the end of a log, and what says it changed.
enum LocalFile {
    /// Its size and modification time, nil when it is not a regular file here.
    static func stamp(_ path: String) -> [Double]? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return [Double(info.st_size), Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9]
    }

    /// Its last `maxBytes`, and whether the start was cut off; nil when it cannot be opened.
    static func tail(_ path: String, maxBytes: Int) -> (data: Data, cut: Bool)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let cut = size > UInt64(maxBytes)
        try? handle.seek(toOffset: cut ? size - UInt64(maxBytes) : 0)
        return ((try? handle.read(upToCount: maxBytes)) ?? Data(), cut)
    }
}
