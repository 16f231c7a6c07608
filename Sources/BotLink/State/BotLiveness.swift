import HBModel

/// When a bot was last heard. Hummingbot sends no `offline`: liveness comes from heartbeat timeouts.
public struct BotLiveness: Sendable, Equatable {
    public private(set) var lastHeartbeat: Double?
    public private(set) var firstMessage: Double?
    public private(set) var lastMessage: Double?
    /// When the bot last said `online` (it does on every connect).
    public private(set) var lastOnline: Double?

    public init() {}

    /// Times are when the console received each message, so clock skew with the bot does not matter.
    public mutating func record(_ telemetry: BotTelemetry, receivedAt: Double) {
        if firstMessage == nil { firstMessage = receivedAt }
        lastMessage = receivedAt
        switch telemetry {
        case .heartbeat: lastHeartbeat = receivedAt
        case .availability(let online, _) where online: lastOnline = receivedAt
        default: break
        }
    }

    /// Messages received before `time` belong to an earlier run of the container: they say nothing of
    /// this one, which is unknown until it is heard.
    public mutating func forget(before time: Double) {
        if let t = lastHeartbeat, t < time { lastHeartbeat = nil }
        if let t = lastOnline, t < time { lastOnline = nil }
        if let t = lastMessage, t < time {
            lastMessage = nil
            firstMessage = nil
        }
        if let t = firstMessage, t < time { firstMessage = lastMessage }
    }

    /// The 30 s rule runs from the latest heartbeat or `online`. A console that starts listening between
    /// two heartbeats hears other messages first: the rule runs from the first of them until a heartbeat
    /// comes, so a talking bot is not called unresponsive, and one that never sends heartbeats still is.
    public func health(now: Double, timeout: Double) -> BotHealth {
        guard let since = [lastHeartbeat, lastOnline, firstMessage].compactMap({ $0 }).max() else { return .unknown }
        return now - since <= timeout ? .online : .unresponsive
    }
}
