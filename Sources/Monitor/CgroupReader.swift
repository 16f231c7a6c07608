import Foundation
import HBModel

/// Reads a local container's counters straight from its cgroup (v1 or v2) and its network counters
/// from `/proc/<pid>/net/dev`, computing what `docker stats` shows without asking the engine.
struct CgroupReader {
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

    static let root = "/sys/fs/cgroup"

    /// Nil when the process is gone or its cgroup cannot be read (another machine, no permission).
    static func read(pid: Int, hostNetwork: Bool) -> Counters? {
        guard pid > 0, let cgroupFile = try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8) else { return nil }
        var counters = Counters(at: Date().timeIntervalSince1970)
        var v1: [String: String] = [:]
        var v2Path: String?
        for line in cgroupFile.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if parts[0] == "0" && parts[1].isEmpty {
                v2Path = String(parts[2])
            } else {
                for controller in parts[1].split(separator: ",") { v1[String(controller)] = String(parts[2]) }
            }
        }
        if let memory = v1["memory"] {
            let dir = "\(root)/memory\(memory)"
            counters.memoryUsage = number("\(dir)/memory.usage_in_bytes")
            counters.memoryLimit = number("\(dir)/memory.limit_in_bytes")
            counters.inactiveFile = stat("\(dir)/memory.stat", "total_inactive_file")
            counters.cpuNanoseconds = number("\(root)/cpuacct\(v1["cpuacct"] ?? v1["cpu,cpuacct"] ?? memory)/cpuacct.usage")
            counters.pids = v1["pids"].flatMap { number("\(root)/pids\($0)/pids.current") }
        } else if let path = v2Path {
            let dir = "\(root)\(path)"
            counters.memoryUsage = number("\(dir)/memory.current")
            counters.memoryLimit = number("\(dir)/memory.max")
            counters.inactiveFile = stat("\(dir)/memory.stat", "inactive_file")
            counters.cpuNanoseconds = stat("\(dir)/cpu.stat", "usage_usec").map { $0 * 1000 }
            counters.pids = number("\(dir)/pids.current")
        } else {
            return nil
        }
        if !hostNetwork, let (rx, tx) = network(pid: pid) {
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
        // An unlimited cgroup v1 reports a huge number; docker stats shows the host's memory then.
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

    private static func number(_ path: String) -> UInt64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func stat(_ path: String, _ key: String) -> UInt64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + " ") {
            return UInt64(line.dropFirst(key.count + 1))
        }
        return nil
    }

    /// Bytes received and sent on every interface but loopback, as `docker stats` counts them.
    private static func network(pid: Int) -> (UInt64, UInt64)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/net/dev", encoding: .utf8) else { return nil }
        var rx: UInt64 = 0
        var tx: UInt64 = 0
        for line in text.split(separator: "\n").dropFirst(2) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) != "lo" else { continue }
            let fields = parts[1].split(separator: " ")
            guard fields.count >= 9 else { continue }
            rx += UInt64(fields[0]) ?? 0
            tx += UInt64(fields[8]) ?? 0
        }
        return (rx, tx)
    }
}
