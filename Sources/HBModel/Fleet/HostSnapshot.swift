/// One engine of a fleet on several hosts, as the header and the broker panel show it.
public struct HostSnapshot: Sendable, Equatable {
    /// The name the operator gave it (its Docker context).
    public var name: String
    public var endpoint: String
    public var engine: EngineStatus
    public var broker: BrokerSnapshot

    public init(name: String, endpoint: String, engine: EngineStatus, broker: BrokerSnapshot) {
        self.name = name
        self.endpoint = endpoint
        self.engine = engine
        self.broker = broker
    }
}
