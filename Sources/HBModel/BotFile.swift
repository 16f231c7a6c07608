import Foundation

/// A file in one of a bot's own folders (`logs/`, `data/`), which the bot's strategy code can write anything
/// into: a FIFO where a log was (an `open` that never returns), a symlink to a host file (read as root and
/// shown), a file of any size. Every read of such a file goes through here: opened beneath the folder the
/// container mounts (`root`, which the bot cannot replace), no symlink followed on the way or at the end,
/// never blocking, regular files only, bounded in bytes.
public enum BotFile {
    /// Why a bot's file was not read.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case missing
        case symlink
        case notRegular
        case badPath
        case tooLarge(Int)
        case unreadable(Int32)

        public var description: String {
            switch self {
            case .missing: return "no such file"
            case .symlink: return "a symbolic link, not followed"
            case .notRegular: return "not a regular file (a FIFO, device or folder), not read"
            case .badPath: return "a path that leaves the bot's folder"
            case .tooLarge(let size): return "\(Formatting.bytes(UInt64(size))), too large to read"
            case .unreadable(let code): return String(cString: strerror(code))
            }
        }
    }

    /// An open regular file with what `fstat` said of it; the caller closes it.
    public struct Opened: Sendable {
        public let descriptor: Int32
        public let size: Int
        public let modified: Double

        /// Its size and modification time, as the file's stamp.
        public var stamp: [Double] { [Double(size), modified] }
    }

    /// Opens `relative` (plain names joined by `/`) beneath `root` for reading.
    public static func open(_ relative: String, beneath root: String) -> Result<Opened, Problem> {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            return .failure(.badPath)
        }
        var folder = Foundation.open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return .failure(problem(errno)) }
        for part in parts.dropLast() {
            let next = openat(folder, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let code = errno
            close(folder)
            guard next >= 0 else { return .failure(code == ENOTDIR ? .notRegular : problem(code)) }
            folder = next
        }
        // O_NONBLOCK: a FIFO opens at once instead of waiting for a writer, and is then refused below.
        let descriptor = openat(
            folder, parts[parts.count - 1], O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        let code = errno
        close(folder)
        guard descriptor >= 0 else { return .failure(problem(code)) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return .failure(.notRegular)
        }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        return .success(Opened(descriptor: descriptor, size: Int(info.st_size), modified: modified))
    }

    /// Its size and modification time, nil when it cannot be read as a bot's file.
    public static func stamp(_ relative: String, beneath root: String) -> [Double]? {
        try? probe(relative, beneath: root).get()
    }

    /// Its stamp, or why it cannot be read as a bot's file: one open for both.
    public static func probe(_ relative: String, beneath root: String) -> Result<[Double], Problem> {
        open(relative, beneath: root).map { file in
            close(file.descriptor)
            return file.stamp
        }
    }

    /// Its last `maxBytes` and whether the start was cut off.
    public static func tail(_ relative: String, beneath root: String, maxBytes: Int) -> Result<
        (data: Data, cut: Bool), Problem
    > {
        open(relative, beneath: root).map { file in
            defer { close(file.descriptor) }
            let start = max(0, file.size - maxBytes)
            let bytes = read(file.descriptor, from: start, count: min(file.size, maxBytes))
            return (Data(bytes), start > 0)
        }
    }

    /// The whole file, when it is at most `maxBytes`, with its modification time.
    public static func contents(_ relative: String, beneath root: String, maxBytes: Int) -> (
        bytes: [UInt8], modified: Double
    )? {
        guard case .success(let file) = open(relative, beneath: root) else { return nil }
        defer { close(file.descriptor) }
        guard file.size <= maxBytes else { return nil }
        return (read(file.descriptor, from: 0, count: file.size), file.modified)
    }

    /// The whole file, or why it was not read (``Problem/tooLarge(_:)`` past `maxBytes`).
    public static func data(_ relative: String, beneath root: String, maxBytes: Int) -> Result<Data, Problem> {
        open(relative, beneath: root).flatMap { file in
            defer { close(file.descriptor) }
            guard file.size <= maxBytes else { return .failure(.tooLarge(file.size)) }
            return .success(Data(read(file.descriptor, from: 0, count: file.size)))
        }
    }

    /// Whether `relative` is a regular file beneath `root`, reached with no link followed.
    public static func exists(_ relative: String, beneath root: String) -> Bool {
        stamp(relative, beneath: root) != nil
    }

    /// Why a file that is there cannot be read as a bot's file (a link, a FIFO, …); nil when it reads or
    /// does not exist.
    public static func unreadableReason(_ relative: String, beneath root: String) -> String? {
        unreadableReason(of: probe(relative, beneath: root))
    }

    /// Why a probe found a file that is there unreadable; nil when it reads or does not exist.
    public static func unreadableReason(of probe: Result<[Double], Problem>) -> String? {
        guard case .failure(let problem) = probe, problem != .missing else { return nil }
        return problem.description
    }

    /// At most `count` bytes from `offset`: fewer where the file shrank meanwhile.
    static func read(_ descriptor: Int32, from offset: Int, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            filled += got
        }
        return Array(bytes.prefix(filled))
    }

    private static func problem(_ code: Int32) -> Problem {
        switch code {
        case ENOENT: return .missing
        case ELOOP: return .symlink
        default: return .unreadable(code)
        }
    }
}
