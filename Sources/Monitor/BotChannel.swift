import BotLink
import HBModel

/// What the monitor, its log feed and the actions need of the bot link: what it heard of each bot, how the
/// link is, and the commands. `BotConnection` is the real one; tests give a fake.
public protocol BotChannel: BotStopper, BotStarter {
    func start() async throws
    func close() async
    /// Everything heard of each bot, by instance; `runsStartedAt` says when each container's run began.
    func records(runsStartedAt: [String: Double]) async -> [String: BotRecord]
    /// How the link to the broker is, read at once.
    var link: BrokerSnapshot.Link { get }
    /// Each bot's telemetry as it is heard, from now on.
    func telemetry() async -> AsyncStream<(String, BotTelemetry)>
    /// Whether the link is connected within `seconds`.
    func waitUntilConnected(seconds: Double) async -> Bool
}

extension BotConnection: BotChannel {
    public func records(runsStartedAt starts: [String: Double]) async -> [String: BotRecord] {
        await hub.snapshot(runsStartedAt: starts)
    }

    public nonisolated var link: BrokerSnapshot.Link {
        switch client.state {
        case .connecting: return .connecting
        case .connected(let since): return .connected(since: since)
        case .disconnected(let reason, _): return .disconnected(reason: reason)
        case .closed: return .disconnected(reason: "closed")
        }
    }
}
