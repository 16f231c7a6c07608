#if canImport(Glibc)
    import Glibc
#endif

/// One counter file read every cycle. Kept open when the monitor's file budget allows: re-reading an
/// open file skips the path walk of `open`, which is most of the cost of reading a cgroup counter.
final class CounterFile {
    private let path: String
    private let fd: Int32

    init(_ path: String, keepOpen: Bool) {
        self.path = path
        fd = keepOpen ? open(path, O_RDONLY | O_CLOEXEC) : -1
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    var isOpen: Bool { fd >= 0 }

    func bytes() -> [UInt8]? {
        fd >= 0 ? KernelFile.bytes(fd: fd) : KernelFile.bytes(path)
    }

    func number() -> UInt64? {
        bytes().flatMap { KernelFile.parseNumber($0[...]) }
    }

    func field(_ key: String) -> UInt64? {
        bytes().flatMap { KernelFile.field($0, key) }
    }
}
