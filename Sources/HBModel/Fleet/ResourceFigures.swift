/// CPU, memory and network of one container, as `docker stats` computes them. Nil is unknown, never 0.
public struct ResourceFigures: Sendable, Equatable, Codable {
    public var cpuPercent: Double?
    public var memoryUsed: UInt64?
    public var memoryLimit: UInt64?
    public var networkRx: UInt64?
    public var networkTx: UInt64?
    public var pids: UInt64?

    public init(cpuPercent: Double? = nil, memoryUsed: UInt64? = nil, memoryLimit: UInt64? = nil, networkRx: UInt64? = nil, networkTx: UInt64? = nil, pids: UInt64? = nil) {
        self.cpuPercent = cpuPercent
        self.memoryUsed = memoryUsed
        self.memoryLimit = memoryLimit
        self.networkRx = networkRx
        self.networkTx = networkTx
        self.pids = pids
    }
}
