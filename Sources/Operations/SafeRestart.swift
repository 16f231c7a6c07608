import Foundation
import HBModel
import Monitor

/// A restart that loses nothing: the bot stopped the way its kind stops safely (its MQTT `stop` first, so it
/// cancels its orders, for quickstart bots; one graceful SIGTERM for bots `hbot` runs), then started again.
public struct SafeRestart: Sendable {
    let name: String
    let bot: (any BotStopper)?
    let engine: any FleetEngine
    let now: @Sendable () -> Double

    public init(
        name: String, bot: (any BotStopper)?, engine: any FleetEngine,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.name = name
        self.bot = bot
        self.engine = engine
        self.now = now
    }

    public func run(progress: @escaping FleetMonitor.Progress) async throws -> String {
        let found = try await engine.inspectContainer(name)
        let stopped = try await SafeStop.run(
            found, name: name, bot: bot, skipped: false, engine: engine, now: now, progress: progress)
        progress("starting \(name) again…")
        try await engine.startContainer(name)
        return "restarted \(name): \(stopped.summary) · started again"
    }
}
