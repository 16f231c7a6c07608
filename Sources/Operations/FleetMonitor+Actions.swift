import BotLink
import Deploy
import Docker
import Foundation
import HBModel
import Monitor

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

    /// Stops the bot the safe way for its kind (`SafeStop`): the MQTT stop first, waiting for its own sign
    /// that it wound down, then the container; or one graceful SIGTERM for a bot `hbot` runs.
    public func stop(_ name: String, skipBotStop: Bool, progress: @escaping Progress) async -> String {
        switch await safeStop(name, skipBotStop: skipBotStop, progress: progress) {
        case .success(let stopped): return stopped.text
        case .failure(let refused): return refused.description
        }
    }

    /// `stop`, its result as values; `grace`: the container's seconds before it is killed (else the procedure's).
    public func safeStop(_ name: String, skipBotStop: Bool, grace: Int? = nil, progress: @escaping Progress) async
        -> Result<StopResult, ActionRefused>
    {
        let (bots, now) = (bots, now)
        let outcome = await perform(name, .stopping, progress: progress) { client in
            try await SafeStop.run(
                name: name, bot: bots, skipped: skipBotStop, engine: client, grace: grace, now: now, progress: progress)
        }
        guard case .success(let stopped) = outcome, stopped.procedure != .notRunning else { return outcome }
        // A quickstart bot's PID 1 (bash) ignores SIGTERM, so its container ends killed (137) even after a clean
        // wind-down: the console remembers it stopped it, and how.
        await noteStopped(
            name, how: stopped.woundDown ? "stopped by hbdeck after the bot wound down" : "stopped by hbdeck")
        return outcome
    }

    public func restart(_ name: String, progress: Progress) async -> String {
        await run(name, .stopping, progress: progress) { client in
            progress("restarting \(name)…")
            try await client.restartContainer(name, timeout: StopTimes.containerGrace)
            return "\(name): restarted"
        }
    }

    /// Stops the bot as `stop` does when it runs, removes its container and archives (or deletes, or keeps)
    /// its folder in the bots folder.
    public func delete(
        _ name: String, skipBotStop: Bool = false, folder disposal: FolderDisposal = .archive,
        progress: @escaping Progress
    ) async -> String {
        let (bots, now) = (bots, now)
        let folder = config.botsFolder.map(BotsFolder.init)
        return await run(name, .stopping, progress: progress) { client in
            try await Decommission(
                name: name, bot: bots, skipBotStop: skipBotStop, engine: client, folder: folder, disposal: disposal,
                broker: config.brokerContainer, now: now
            )
            .run(progress: progress).text
        }
    }

    /// Applies an instance's changed strategy files the least disruptive way that works (`Reload`).
    public func reload(_ name: String, progress: @escaping Progress) async -> String {
        let (bots, now) = (bots, now)
        guard let path = config.botsFolder else { return "no bots folder is configured: nothing to reload" }
        return await run(name, .stopping, progress: progress) { client in
            try await Reload(name: name, bot: bots, engine: client, folder: BotsFolder(path), now: now).run(
                progress: progress)
        }
    }

    public func startBroker(progress: Progress) async -> String {
        let name = config.brokerContainer
        return await run(name, .starting, progress: progress) {
            try await BrokerControl.start(name, engine: $0, progress: progress)
        }
    }

    /// Moves a bot between host networking and a network of its own (`NetworkMove`).
    public func moveNetwork(_ name: String, to target: NetworkMove.Target, progress: @escaping Progress) async -> String
    {
        let (bots, now) = (bots, now)
        guard let path = config.botsFolder else {
            return "no bots folder is configured: its broker address lives there"
        }
        let broker = NetworkMove.Broker(
            container: config.brokerContainer, host: config.mqtt?.host ?? "127.0.0.1", port: config.mqtt?.port ?? 1883)
        return await run(name, .stopping, progress: progress) { client in
            try await NetworkMove(
                name: name, to: target, broker: broker, bot: bots, engine: client, folder: BotsFolder(path), now: now
            ).run(progress: progress)
        }
    }

    /// Puts the broker back on the isolated bots' networks it is missing from (after it was made again
    /// elsewhere than `hbdeck broker create`).
    public func attachBrokerToBotNetworks(progress: Progress) async -> String {
        let name = config.brokerContainer
        return await run(name, .starting, progress: progress) { client in
            progress("attaching the broker \(name) to the isolated bots' networks…")
            let attached = try await client.attachBrokerToBotNetworks(name)
            return attached.isEmpty
                ? "broker \(name): already on every isolated bot's network"
                : "broker \(name): attached to \(attached.joined(separator: ", "))"
        }
    }

    public func stopBroker(progress: Progress) async -> String {
        let name = config.brokerContainer
        return await run(name, .stopping, progress: progress) {
            try await BrokerControl.stop(name, engine: $0, progress: progress)
        }
    }

    /// One action at a time per instance: a second one while the first runs is refused, never queued.
    private func run(
        _ name: String, _ marker: PendingAction, progress: Progress,
        _ work: @Sendable (any FleetEngine) async throws -> String
    ) async -> String {
        switch await perform(name, marker, progress: progress, work) {
        case .success(let said): return said
        case .failure(let refused): return refused.description
        }
    }

    /// `run`'s rule, for work with a typed result; a refusal or a failure comes back as `ActionRefused`.
    private func perform<Done: Sendable>(
        _ name: String, _ marker: PendingAction, progress: Progress,
        _ work: @Sendable (any FleetEngine) async throws -> Done
    ) async -> Result<Done, ActionRefused> {
        let client: any FleetEngine
        switch await beginAction(on: name, marker) {
        case .success(let engine): client = engine
        case .failure(let refused): return .failure(refused)
        }
        let outcome: Result<Done, ActionRefused>
        do {
            outcome = .success(try await work(client))
        } catch {
            outcome = .failure(ActionRefused(description: "\(name): failed: \(error)"))
        }
        endAction(on: name)
        return outcome
    }
}
