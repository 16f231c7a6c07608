import Foundation
import HBModel

/// A restart that loses nothing: the bot stopped the way its kind stops safely (its MQTT `stop` first, so it
/// cancels its orders, for quickstart bots; one graceful SIGTERM for bots `hbot` runs), then started again.
public struct SafeRestart: Sendable {
    let name: String
    let bot: (any BotStopper)?
    let engine: any FleetEngine
    let now: @Sendable () -> Double

    public init(name: String, bot: (any BotStopper)?, engine: any FleetEngine, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.name = name
        self.bot = bot
        self.engine = engine
        self.now = now
    }

    public func run(progress: @escaping FleetMonitor.Progress) async throws -> String {
        let found = try await engine.inspectContainer(name)
        let stopped = BotEngine.of(command: found.config.cmd) == .hbot
            ? try await GracefulStop(name: name, engine: engine, now: now).run(progress: progress)
            : try await StopProcedure(name: name, bot: bot, skipped: false, engine: engine, now: now).run(progress: progress)
        progress("starting \(name) again…")
        try await engine.startContainer(name)
        return "restarted \(name): \(stopped.replacingOccurrences(of: "stopped \(name): ", with: "")) · started again"
    }
}
