/// A container's resource figures, computed the way `docker stats` computes them.
public struct ResourceUsage: Sendable, Equatable, Codable {
    /// Percent of one CPU: 200 means two cores fully busy. Nil when there is no previous sample.
    public var cpuPercent: Double?
    public var memoryUsed: UInt64?
    public var memoryLimit: UInt64?
    public var networkRx: UInt64?
    public var networkTx: UInt64?
    public var blockRead: UInt64?
    public var blockWrite: UInt64?
    public var pids: UInt64?

    public init(
        cpuPercent: Double? = nil, memoryUsed: UInt64? = nil, memoryLimit: UInt64? = nil,
        networkRx: UInt64? = nil, networkTx: UInt64? = nil, blockRead: UInt64? = nil, blockWrite: UInt64? = nil,
        pids: UInt64? = nil
    ) {
        self.cpuPercent = cpuPercent
        self.memoryUsed = memoryUsed
        self.memoryLimit = memoryLimit
        self.networkRx = networkRx
        self.networkTx = networkTx
        self.blockRead = blockRead
        self.blockWrite = blockWrite
        self.pids = pids
    }

    public var memoryPercent: Double? {
        guard let used = memoryUsed, let limit = memoryLimit, limit > 0 else { return nil }
        return Double(used) / Double(limit) * 100
    }
}

extension ResourceUsage {
    /// The figures `docker stats` shows for one engine sample.
    public init(_ sample: StatsSample) {
        self.init()
        cpuPercent = Self.cpuPercent(sample)
        if let memory = sample.memoryStats, let usage = memory.usage {
            memoryUsed = usage - Self.cacheToSubtract(memory.stats ?? [:], usage: usage)
            memoryLimit = memory.limit
        }
        if let networks = sample.networks {
            networkRx = networks.values.reduce(0) { $0 + $1.rxBytes }
            networkTx = networks.values.reduce(0) { $0 + $1.txBytes }
        }
        if let entries = sample.blkioStats?.ioServiceBytesRecursive {
            blockRead = entries.filter { $0.op.lowercased() == "read" }.reduce(0) { $0 + $1.value }
            blockWrite = entries.filter { $0.op.lowercased() == "write" }.reduce(0) { $0 + $1.value }
        }
        pids = sample.pidsStats?.current
    }

    static func cpuPercent(_ sample: StatsSample) -> Double? {
        guard let now = sample.cpuStats, let before = sample.precpuStats,
            let system = now.systemCPUUsage, let systemBefore = before.systemCPUUsage,
            system > systemBefore, now.cpuUsage.totalUsage >= before.cpuUsage.totalUsage
        else { return nil }
        let cpuDelta = Double(now.cpuUsage.totalUsage - before.cpuUsage.totalUsage)
        let systemDelta = Double(system - systemBefore)
        let cpus = Double(now.onlineCPUs ?? now.cpuUsage.perCPUUsage?.count ?? 1)
        return cpuDelta / systemDelta * cpus * 100
    }

    /// The page cache the docker CLI leaves out of "used": inactive file pages (cgroup v1 and v2).
    static func cacheToSubtract(_ stats: [String: UInt64], usage: UInt64) -> UInt64 {
        if let inactive = stats["total_inactive_file"], inactive < usage { return inactive }
        if let inactive = stats["inactive_file"], inactive < usage { return inactive }
        return 0
    }
}
