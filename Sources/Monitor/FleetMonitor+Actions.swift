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

    /// Asks the bot to stop over MQTT first (it cancels its open orders), then stops the container.
    public func stop(_ name: String, skipBotStop: Bool, progress: Progress) async -> String {
        await run(name, .stopping, progress: progress) { client in
            var botStep = "bot stop skipped"
            if !skipBotStop, let bots = self.bots {
                progress("stopping \(name): asking the bot to stop (it cancels its orders)…")
                do {
                    let reply = try await bots.send(.stop(), to: name)
                    botStep = reply.succeeded ? "bot stopped (200)" : "bot answered \(reply.status): \(reply.message)"
                } catch {
                    botStep = "\(error)"
                }
            }
            progress("stopping \(name): \(botStep) · container stopping…")
            try await client.stopContainer(name, timeout: 30)
            return "stopped \(name): \(botStep) · container stopped"
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
