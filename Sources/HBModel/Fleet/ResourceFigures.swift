/// CPU, memory and network of one container, as `docker stats` computes them. Nil is unknown, never 0.
public struct ResourceFigures: Sendable, Equatable, Codable {
    /// Where the figures came from.
    public enum Source: String, Sendable, Equatable, Codable {
        /// The container's cgroup files, read on this machine: no load on the engine.
        case cgroups = "cgroups"
        /// A one-shot stats call to the engine: a remote engine, or cgroups not visible from here.
        case engineStats = "engine stats"
    }

    public var source: Source?
    public var cpuPercent: Double?
    public var memoryUsed: UInt64?
    public var memoryLimit: UInt64?
    public var networkRx: UInt64?
    public var networkTx: UInt64?
    public var pids: UInt64?

    public init(
        cpuPercent: Double? = nil, memoryUsed: UInt64? = nil, memoryLimit: UInt64? = nil, networkRx: UInt64? = nil,
        networkTx: UInt64? = nil, pids: UInt64? = nil, source: Source? = nil
    ) {
        self.source = source
        self.cpuPercent = cpuPercent
        self.memoryUsed = memoryUsed
        self.memoryLimit = memoryLimit
        self.networkRx = networkRx
        self.networkTx = networkTx
        self.pids = pids
    }
}
