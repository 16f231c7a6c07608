import Foundation
import HBModel

/// The stop of a bot that the client's `hbot` CLI runs: the bot is the container's PID 1 and winds down on
/// SIGTERM by itself, cancelling its orders (measured 4.4 s, exit 0), so one `docker stop` with a grace
/// long enough for that is the whole procedure: no MQTT step.
struct GracefulStop {
    /// Long enough for a wind-down that cancels many orders.
    static let grace = 60

    let name: String
    let engine: any FleetEngine
    let now: @Sendable () -> Double

    func run(progress: @escaping FleetMonitor.Progress) async throws -> String {
        progress("stopping \(name): graceful stop (SIGTERM): the bot cancels its orders and exits (up to \(Self.grace) s, then kill)…")
        let began = now()
        try await engine.stopContainer(name, timeout: Self.grace)
        let took = Formatting.fixed(now() - began, decimals: 1)
        guard let code = try? await engine.inspectContainer(name).state.exitCode else {
            return "stopped \(name): graceful stop in \(took) s"
        }
        if code == 137 {
            return "stopped \(name): killed after \(Self.grace) s without winding down (exit 137): its orders may still be open"
        }
        return "stopped \(name): graceful stop, the bot cancelled its orders and exited \(code) in \(took) s"
    }
}
