#if canImport(Glibc)
    import Glibc
#endif

/// Reads the small files the kernel makes up on each read (cgroup counters, `/proc`) as bytes.
/// Foundation's `String(contentsOfFile:)` plus `split` cost ten times more, and the monitor reads six of
/// them per running container every cycle.
enum KernelFile {
    static let capacity = 16 * 1024

    /// The file's bytes (at most `capacity`), or nil when it cannot be read.
    static func bytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return bytes(fd: fd)
    }

    /// Reads an open file from its start: the kernel regenerates the text for a read at offset 0.
    static func bytes(fd: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: capacity)
        var total = 0
        while total < capacity {
            let count = buffer.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + total, capacity - total, off_t(total))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            total += count
        }
        guard total > 0 else { return nil }
        buffer.removeSubrange(total...)
        return buffer
    }

    /// The value of `key` in `key value` lines (`memory.stat`, `cpu.stat`).
    static func field(_ bytes: [UInt8], _ key: String) -> UInt64? {
        let wanted = Array(key.utf8) + [UInt8(ascii: " ")]
        for line in bytes.split(separator: UInt8(ascii: "\n")) where line.starts(with: wanted) {
            return parseNumber(line.dropFirst(wanted.count))
        }
        return nil
    }

    /// Leading and trailing whitespace allowed; nil on anything but digits (`max`), or overflow.
    static func parseNumber(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        var digits = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
                digits += 1
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"):
                if digits > 0 { return value }
            default:
                return nil
            }
        }
        return digits > 0 ? value : nil
    }
}
