import BotLink
import Docker
import Foundation
import HBModel

extension FleetMonitor {
    /// Reports each step of an action as it happens, then its result.
    public typealias Progress = @Sendable (String) -> Void

    /// Starts a container. Returns the result line.
    public func start(_ name: String, progress: Progress) async -> String {
        await run(name, .starting, progress: progress) { client in
            progress("starting \(name)…")
            try await client.startContainer(name)
            return "\(name): started"
        }
    }

    /// How long a bot may take to wind down after it accepted a stop (cancelling orders included).
    public static let windDownLimit = 30.0
    /// The container's grace period when the bot did not wind down by itself first.
    public static let stopGrace = 30
    /// The container's grace once the bot said it wound down: nothing is left to lose, and the image's
    /// PID 1 (bash) ignores SIGTERM anyway, so a longer grace would only be waited out.
    public static let graceAfterWindDown = 1

    /// Asks the bot to stop over MQTT first (it cancels its open orders) and waits for its own sign that it
    /// wound down; then ends the container promptly. When the MQTT step is skipped or gets no answer, the
    /// container gets its full grace period. Each step is reported as it happens.
    public func stop(_ name: String, skipBotStop: Bool, progress: Progress) async -> String {
        await run(name, .stopping, progress: progress) { client in
            var botStep = skipBotStop ? "MQTT stop skipped" : "no MQTT link: bot stop not sent"
            var grace = Self.stopGrace
            if !skipBotStop, let bots = self.bots {
                progress("stopping \(name): asking the bot to stop (it cancels its orders)…")
                do {
                    let outcome = try await bots.stop(name, windDownLimit: Self.windDownLimit) { _ in
                        progress("stopping \(name): bot accepted the stop (200) · waiting for it to wind down…")
                    }
                    if !outcome.reply.succeeded {
                        botStep = "bot answered \(outcome.reply.status): \(outcome.reply.message)"
                    } else if let after = outcome.woundDownAfter {
                        botStep = "bot stopped (200), wound down in \(Formatting.fixed(after, decimals: 1)) s"
                        grace = Self.graceAfterWindDown
                    } else {
                        botStep = "bot accepted the stop (200) but did not say it wound down within \(Int(Self.windDownLimit)) s"
                    }
                } catch {
                    botStep = "\(error)"
                }
            }
            let graceText = grace == Self.graceAfterWindDown ? "" : " (up to \(grace) s, then kill)"
            progress("stopping \(name): \(botStep) · container stopping\(graceText)…")
            let began = Date()
            try await client.stopContainer(name, timeout: grace)
            let took = Formatting.fixed(Date().timeIntervalSince(began), decimals: 1)
            return "stopped \(name): \(botStep) · container stopped in \(took) s"
        }
    }

    public func restart(_ name: String, progress: Progress) async -> String {
        await run(name, .stopping, progress: progress) { client in
            progress("restarting \(name)…")
            try await client.restartContainer(name, timeout: 30)
            return "\(name): restarted"
        }
    }

    public func delete(_ name: String, progress: Progress) async -> String {
        await run(name, .stopping, progress: progress) { client in
            progress("deleting \(name)…")
            try await client.removeContainer(name, force: true)
            return "\(name): container removed (its bots folder stays)"
        }
    }

    public func startBroker(progress: Progress) async -> String {
        let name = config.brokerContainer
        return await run(name, .starting, progress: progress) { client in
            progress("starting the broker \(name)…")
            try await client.startContainer(name)
            return "broker \(name): started"
        }
    }

    public func stopBroker(progress: Progress) async -> String {
        let name = config.brokerContainer
        return await run(name, .stopping, progress: progress) { client in
            progress("stopping the broker \(name)…")
            try await client.stopContainer(name, timeout: 10)
            return "broker \(name): stopped"
        }
    }

    /// One action at a time per instance: a second one while the first runs is refused, never queued.
    private func run(_ name: String, _ marker: PendingAction, progress: Progress, _ work: @Sendable (DockerClient) async throws -> String) async -> String {
        guard let client else { return "the Docker engine is offline: nothing was done" }
        guard pending[name] == nil else { return "\(name) is busy with another action: nothing was done" }
        pending[name] = marker
        await publish()
        let result: String
        do {
            result = try await work(client)
        } catch {
            result = "\(name): failed: \(error)"
        }
        pending[name] = nil
        wake()
        return result
    }
}
