/// The console's own connection to the broker, kept apart from every bot's state.
public enum MQTTConnectionState: Sendable, Equatable {
    case connecting
    case connected(since: Double)
    /// Lost or refused; libmosquitto retries with backoff. `reason` is what libmosquitto said.
    case disconnected(reason: String, since: Double)
    case closed

    public var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }
}
