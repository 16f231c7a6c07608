import Foundation
import HBModel
import Monitor

/// The stop of a bot that the client's `hbot` CLI runs: the bot is the container's PID 1 and winds down on
/// SIGTERM by itself, cancelling its orders (measured 4.4 s, exit 0), so one `docker stop` with a grace
/// long enough for that is the whole procedure: no MQTT step.
struct GracefulStop {
    /// Long enough for a wind-down that cancels many orders.
    static let grace = StopTimes.gracefulGrace

    let name: String
    let engine: any FleetEngine
    let now: @Sendable () -> Double
    var grace = GracefulStop.grace

    func run(progress: @escaping FleetMonitor.Progress) async throws -> StopResult {
        progress(
            "stopping \(name): graceful stop (SIGTERM): the bot cancels its orders and exits (up to \(grace) s, then kill)…"
        )
        let began = now()
        try await engine.stopContainer(name, timeout: grace)
        let took = now() - began
        let code = try? await engine.inspectContainer(name).state.exitCode
        return StopResult(
            name: name, procedure: .graceful(grace: grace), botStep: nil, asked: true, accepted: false,
            woundDown: code.map { $0 != 137 } ?? false,
            containerSeconds: took, exitCode: code)
    }
}
