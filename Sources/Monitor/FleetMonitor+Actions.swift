import BotLink
import Deploy
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

    /// Asks the bot to stop over MQTT first (it cancels its open orders) and waits for its own sign that it
    /// wound down; then ends the container promptly (`StopProcedure`).
    public func stop(_ name: String, skipBotStop: Bool, progress: @escaping Progress) async -> String {
        let bots = bots
        if engine(of: name) == .hbot {
            return await run(name, .stopping, progress: progress) { client in
                try await GracefulStop(name: name, engine: client, now: { Date().timeIntervalSince1970 }).run(progress: progress)
            }
        }
        let result = await run(name, .stopping, progress: progress) { client in
            try await StopProcedure(name: name, bot: bots, skipped: skipBotStop, engine: client, now: { Date().timeIntervalSince1970 })
                .run(progress: progress)
        }
        if result.hasPrefix("stopped \(name):") {
            // Its PID 1 (bash) ignores SIGTERM, so the container ends killed (137) even after a clean wind-down.
            noteStopped(name, how: result.contains("wound down in") ? "stopped by hbdeck after the bot wound down" : "stopped by hbdeck")
            await publish()
        }
        return result
    }

    public func restart(_ name: String, progress: Progress) async -> String {
        await run(name, .stopping, progress: progress) { client in
            progress("restarting \(name)…")
            try await client.restartContainer(name, timeout: 30)
            return "\(name): restarted"
        }
    }

    /// Stops the bot as `stop` does when it runs, removes its container and archives (or deletes, or keeps)
    /// its folder in the bots folder.
    public func delete(_ name: String, skipBotStop: Bool = false, folder disposal: FolderDisposal = .archive, progress: @escaping Progress) async -> String {
        let bots = bots
        let folder = config.botsFolder.map(BotsFolder.init)
        return await run(name, .stopping, progress: progress) { client in
            try await Decommission(
                name: name, bot: bots, skipBotStop: skipBotStop, engine: client, folder: folder, disposal: disposal, broker: config.brokerContainer)
                .run(progress: progress)
        }
    }

    /// Applies an instance's changed strategy files the least disruptive way that works (`Reload`).
    public func reload(_ name: String, progress: @escaping Progress) async -> String {
        let bots = bots
        guard let path = config.botsFolder else { return "no bots folder is configured: nothing to reload" }
        return await run(name, .stopping, progress: progress) { client in
            try await Reload(name: name, bot: bots, engine: client, folder: BotsFolder(path)).run(progress: progress)
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

    /// Moves a bot between host networking and a network of its own (`NetworkMove`).
    public func moveNetwork(_ name: String, to target: NetworkMove.Target, progress: @escaping Progress) async -> String {
        let bots = bots
        guard let path = config.botsFolder else { return "no bots folder is configured: its broker address lives there" }
        let broker = NetworkMove.Broker(container: config.brokerContainer, host: config.mqtt?.host ?? "127.0.0.1", port: config.mqtt?.port ?? 1883)
        return await run(name, .stopping, progress: progress) { client in
            try await NetworkMove(name: name, to: target, broker: broker, bot: bots, engine: client, folder: BotsFolder(path)).run(progress: progress)
        }
    }

    /// Puts the broker back on the isolated bots' networks it is missing from (after it was made again
    /// elsewhere than `hbdeck broker create`).
    public func attachBrokerToBotNetworks(progress: Progress) async -> String {
        let name = config.brokerContainer
        return await run(name, .starting, progress: progress) { client in
            progress("attaching the broker \(name) to the isolated bots' networks…")
            let attached = try await client.attachBrokerToBotNetworks(name)
            return attached.isEmpty ? "broker \(name): already on every isolated bot's network" : "broker \(name): attached to \(attached.joined(separator: ", "))"
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
    private func run(_ name: String, _ marker: PendingAction, progress: Progress, _ work: @Sendable (any FleetEngine) async throws -> String) async -> String {
        guard let client else { return "the Docker engine is offline: nothing was done" }
        guard pending[name] == nil || settling[name] != nil else { return "\(name) is busy with another action: nothing was done" }
        settling[name] = nil
        pending[name] = marker
        await publish()
        let result: String
        do {
            result = try await work(client)
        } catch {
            result = "\(name): failed: \(error)"
        }
        // Shown as under way until the engine has been read again (a reconcile begun from now on).
        settling[name] = reconciles
        wake()
        return result
    }
}
