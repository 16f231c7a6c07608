import Foundation
import HBModel

/// Reads a local container's counters straight from its cgroup and its network counters from
/// `/proc/<pid>/net/dev`, computing what `docker stats` shows without asking the engine.
enum CgroupReader {
    struct Counters {
        var cpuNanoseconds: UInt64?
        var memoryUsage: UInt64?
        var inactiveFile: UInt64?
        var memoryLimit: UInt64?
        var pids: UInt64?
        var networkRx: UInt64?
        var networkTx: UInt64?
        var at: Double
    }

    /// Nil when the cgroup is gone (the container stopped or its process changed).
    static func read(_ files: CgroupFiles) -> Counters? {
        guard let usage = files.memoryUsage.number() else { return nil }
        var counters = Counters(at: Date().timeIntervalSince1970)
        counters.memoryUsage = usage
        counters.memoryLimit = files.memoryLimit.number()
        counters.inactiveFile = files.memoryStat.field(files.inactiveFileKey)
        counters.cpuNanoseconds =
            files.cpuInMicroseconds
            ? files.cpuUsage.field("usage_usec").map { $0 * 1000 }
            : files.cpuUsage.number()
        counters.pids = files.pids?.number()
        if let (rx, tx) = files.network?.bytes().flatMap(networkTotals) {
            counters.networkRx = rx
            counters.networkTx = tx
        }
        return counters
    }

    /// The figures from two readings: CPU is the usage between them, as a percent of one core.
    static func figures(now: Counters, before: Counters?) -> ResourceFigures {
        var figures = ResourceFigures(networkRx: now.networkRx, networkTx: now.networkTx, pids: now.pids)
        if let usage = now.memoryUsage {
            let inactive = now.inactiveFile.flatMap { $0 < usage ? $0 : nil } ?? 0
            figures.memoryUsed = usage - inactive
        }
        // An unlimited cgroup v1 reports a huge number and v2 says `max`; docker stats shows the host's memory then.
        if let limit = now.memoryLimit, limit < (1 << 62) {
            figures.memoryLimit = limit
        } else {
            figures.memoryLimit = ProcessInfo.processInfo.physicalMemory
        }
        if let before, let a = before.cpuNanoseconds, let b = now.cpuNanoseconds, b >= a, now.at > before.at {
            figures.cpuPercent = Double(b - a) / ((now.at - before.at) * 1e9) * 100
        }
        return figures
    }

    /// Bytes received and sent on every interface but loopback in `/proc/<pid>/net/dev`, as `docker stats` counts them.
    static func networkTotals(_ bytes: [UInt8]) -> (UInt64, UInt64) {
        var rx: UInt64 = 0
        var tx: UInt64 = 0
        for line in bytes.split(separator: UInt8(ascii: "\n")).dropFirst(2) {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = line[..<colon].drop { $0 == UInt8(ascii: " ") }
            guard !name.elementsEqual("lo".utf8) else { continue }
            let fields = line[(colon + 1)...].split(separator: UInt8(ascii: " "))
            guard fields.count >= 9 else { continue }
            rx += KernelFile.parseNumber(fields[0]) ?? 0
            tx += KernelFile.parseNumber(fields[8]) ?? 0
        }
        return (rx, tx)
    }
}
