/// Everything the screen shows, as one immutable value published by the monitor.
public struct FleetSnapshot: Sendable, Equatable {
    public var takenAt: Double
    public var endpoint: String
    public var engine: EngineStatus
    public var instances: [InstanceSnapshot]
    public var broker: BrokerSnapshot
    /// Recent samples per instance, oldest first, for the metrics pane.
    public var history: [String: MetricHistory]
    /// Hummingbot's bots folder when one is configured: where deleted instances are archived.
    public var botsFolder: String?

    public init(
        takenAt: Double, endpoint: String, engine: EngineStatus, instances: [InstanceSnapshot], broker: BrokerSnapshot,
        history: [String: MetricHistory] = [:], botsFolder: String? = nil
    ) {
        self.takenAt = takenAt
        self.endpoint = endpoint
        self.engine = engine
        self.instances = instances
        self.broker = broker
        self.history = history
        self.botsFolder = botsFolder
    }

    public var botsOnline: Int { instances.filter { $0.health == .online }.count }
    public var running: Int { instances.filter { $0.state == .running }.count }
}

/// Sparkline series, one sample per monitor cycle.
public struct MetricHistory: Sendable, Equatable {
    public static let capacity = 120
    public var cpu: [Double] = []
    public var memory: [Double] = []
    public var networkRate: [Double] = []
    public var pnl: [Double] = []

    public init() {}

    public mutating func append(cpu: Double?, memory: Double?, networkRate: Double?, pnl: Double?) {
        Self.push(&self.cpu, cpu)
        Self.push(&self.memory, memory)
        Self.push(&self.networkRate, networkRate)
        Self.push(&self.pnl, pnl)
    }

    private static func push(_ series: inout [Double], _ value: Double?) {
        guard let value, value.isFinite else { return }
        series.append(value)
        if series.count > capacity { series.removeFirst(series.count - capacity) }
    }
}
