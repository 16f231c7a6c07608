import Docker
import Foundation
import HBModel

/// The one place that chooses how a bot stops safely, by the way its container runs it: one graceful
/// SIGTERM for bots the client's `hbot` runs (`GracefulStop`), else the bot's MQTT stop first
/// (`StopProcedure`, without it when `skipped`).
enum SafeStop {
    static func run(
        _ found: ContainerDetails, name: String, bot: (any BotStopper)?, skipped: Bool, engine: any FleetEngine,
        now: @escaping @Sendable () -> Double, progress: @escaping FleetMonitor.Progress
    ) async throws -> StopResult {
        if BotEngine.of(command: found.config.cmd) == .hbot {
            return try await GracefulStop(name: name, engine: engine, now: now).run(progress: progress)
        }
        return try await StopProcedure(name: name, bot: skipped ? nil : bot, skipped: skipped, engine: engine, now: now).run(progress: progress)
    }

    /// As above, the container inspected first.
    static func run(
        name: String, bot: (any BotStopper)?, skipped: Bool, engine: any FleetEngine,
        now: @escaping @Sendable () -> Double, progress: @escaping FleetMonitor.Progress
    ) async throws -> StopResult {
        try await run(try await engine.inspectContainer(name), name: name, bot: bot, skipped: skipped, engine: engine, now: now, progress: progress)
    }
}
