/// One sample of `/containers/{id}/stats`, as the engine sends it (cgroup v1 and v2).
public struct StatsSample: Sendable, Decodable, Equatable {
    public struct CPUUsage: Sendable, Decodable, Equatable {
        public let totalUsage: UInt64
        public let perCPUUsage: [UInt64]?
        enum CodingKeys: String, CodingKey { case totalUsage = "total_usage", perCPUUsage = "percpu_usage" }
    }

    public struct CPUStats: Sendable, Decodable, Equatable {
        public let cpuUsage: CPUUsage
        public let systemCPUUsage: UInt64?
        public let onlineCPUs: Int?
        enum CodingKeys: String, CodingKey {
            case cpuUsage = "cpu_usage", systemCPUUsage = "system_cpu_usage", onlineCPUs = "online_cpus"
        }
    }

    public struct MemoryStats: Sendable, Decodable, Equatable {
        public let usage: UInt64?
        public let limit: UInt64?
        public let stats: [String: UInt64]?
    }

    public struct NetworkCounters: Sendable, Decodable, Equatable {
        public let rxBytes: UInt64
        public let txBytes: UInt64
        enum CodingKeys: String, CodingKey { case rxBytes = "rx_bytes", txBytes = "tx_bytes" }
    }

    public struct BlockIOEntry: Sendable, Decodable, Equatable {
        public let op: String
        public let value: UInt64
    }

    public struct BlockIOStats: Sendable, Decodable, Equatable {
        public let ioServiceBytesRecursive: [BlockIOEntry]?
        enum CodingKeys: String, CodingKey { case ioServiceBytesRecursive = "io_service_bytes_recursive" }
    }

    public struct PidsStats: Sendable, Decodable, Equatable {
        public let current: UInt64?
        public let limit: UInt64?
    }

    public let read: String?
    public let cpuStats: CPUStats?
    public let precpuStats: CPUStats?
    public let memoryStats: MemoryStats?
    public let networks: [String: NetworkCounters]?
    public let blkioStats: BlockIOStats?
    public let pidsStats: PidsStats?

    enum CodingKeys: String, CodingKey {
        case read, cpuStats = "cpu_stats", precpuStats = "precpu_stats", memoryStats = "memory_stats"
        case networks, blkioStats = "blkio_stats", pidsStats = "pids_stats"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        read = try c.decodeIfPresent(String.self, forKey: .read)
        // A stopped container's sample carries empty objects: read what is there, leave the rest nil.
        cpuStats = try? c.decodeIfPresent(CPUStats.self, forKey: .cpuStats)
        precpuStats = try? c.decodeIfPresent(CPUStats.self, forKey: .precpuStats)
        memoryStats = try? c.decodeIfPresent(MemoryStats.self, forKey: .memoryStats)
        networks = try? c.decodeIfPresent([String: NetworkCounters].self, forKey: .networks)
        blkioStats = try? c.decodeIfPresent(BlockIOStats.self, forKey: .blkioStats)
        pidsStats = try? c.decodeIfPresent(PidsStats.self, forKey: .pidsStats)
    }
}
