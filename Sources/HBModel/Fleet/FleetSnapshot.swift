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
    /// Each engine, where several are watched (empty with one): instance names then read `HOST/NAME`.
    public var hosts: [HostSnapshot] = []
    /// Read through hummingbot-api (`endpoint` is its address), not from a Docker engine.
    public var throughAPI = false

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

    /// The engine an instance is on, where several are watched.
    public func host(of instance: InstanceSnapshot) -> HostSnapshot? {
        instance.host.flatMap { name in hosts.first { $0.name == name } }
    }

    /// Whether the engine holding `instance` answers: its row is stale otherwise.
    public func engineIsLive(for instance: InstanceSnapshot?) -> Bool {
        guard let instance, let host = host(of: instance) else { return engine.isLive }
        return host.engine.isLive
    }

    /// The engine of this machine (the first), where bots are created and the broker of `b` runs.
    public var primaryEngine: EngineStatus { hosts.first?.engine ?? engine }

    /// The broker the bots of `instance`'s host talk through (the only one with one engine).
    public func broker(for instance: InstanceSnapshot?) -> BrokerSnapshot {
        instance.flatMap { host(of: $0) }?.broker ?? broker
    }
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
