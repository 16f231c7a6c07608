/// What the bot itself says over MQTT, apart from its container's state.
public enum BotHealth: String, Sendable, Equatable, Codable {
    /// A heartbeat arrived within the timeout.
    case online
    /// Heard before, but no heartbeat within the timeout.
    case unresponsive
    /// Never heard since the console connected.
    case unknown
}
