import Docker
import Foundation
import HBModel
import Monitor

/// The one place that chooses how a bot stops safely, by the way its container runs it: one graceful
/// SIGTERM for bots the client's `hbot` runs (`GracefulStop`), else the bot's MQTT stop first
/// (`StopProcedure`, without it when `skipped`). The CLI's `stop`, the console's `x`, deletes, restarts and
/// network moves all stop through here.
public enum SafeStop {
    /// `grace`: the container's seconds before it is killed when the bot has not wound down by itself (nil:
    /// `StopTimes`' for its kind).
    static func run(
        _ found: ContainerDetails, name: String, bot: (any BotStopper)?, skipped: Bool, engine: any FleetEngine,
        grace: Int? = nil,
        now: @escaping @Sendable () -> Double, progress: @escaping FleetMonitor.Progress
    ) async throws -> StopResult {
        if BotEngine.of(command: found.config.cmd) == .hbot {
            var graceful = GracefulStop(name: name, engine: engine, now: now)
            if let grace { graceful.grace = grace }
            return try await graceful.run(progress: progress)
        }
        var procedure = StopProcedure(name: name, bot: skipped ? nil : bot, skipped: skipped, engine: engine, now: now)
        if let grace { procedure.grace = grace }
        return try await procedure.run(progress: progress)
    }

    /// As above, the container inspected first; one that is not running is left alone, and that is said.
    public static func run(
        name: String, bot: (any BotStopper)?, skipped: Bool, engine: any FleetEngine, grace: Int? = nil,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
        progress: @escaping FleetMonitor.Progress
    ) async throws -> StopResult {
        let found = try await engine.inspectContainer(name)
        guard found.state.running || found.state.restarting || found.state.paused else { return .notRunning(name) }
        return try await run(
            found, name: name, bot: bot, skipped: skipped, engine: engine, grace: grace, now: now, progress: progress)
    }
}
