import HBModel

/// When a bot was last heard. Hummingbot sends no `offline`: liveness comes from heartbeat timeouts.
public struct BotLiveness: Sendable, Equatable {
    public private(set) var lastHeartbeat: Double?
    public private(set) var lastMessage: Double?
    /// When the bot last said `online` (it does on every connect).
    public private(set) var lastOnline: Double?

    public init() {}

    /// Times are when the console received each message, so clock skew with the bot does not matter.
    public mutating func record(_ telemetry: BotTelemetry, receivedAt: Double) {
        lastMessage = receivedAt
        switch telemetry {
        case .heartbeat: lastHeartbeat = receivedAt
        case .availability(let online, _) where online: lastOnline = receivedAt
        default: break
        }
    }

    public func health(now: Double, timeout: Double) -> BotHealth {
        guard let lastHeartbeat else {
            // Heard saying `online` but no heartbeat yet: the first one follows within a second.
            if let lastOnline, now - lastOnline <= timeout { return .online }
            return lastMessage == nil ? .unknown : .unresponsive
        }
        return now - lastHeartbeat <= timeout ? .online : .unresponsive
    }
}
