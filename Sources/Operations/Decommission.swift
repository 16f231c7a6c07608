import BotLink
import Deploy
import Docker
import Foundation
import HBModel
import Monitor

/// Deleting an instance: the bot stopped as `StopProcedure` stops it when its container runs, the container
/// removed, then its folder archived, deleted or kept. A step that fails ends it there; nothing after it is
/// done. An instance with a folder and no container (undeployed) has only its folder step.
public struct Decommission: Sendable {
    let name: String
    /// Nil: no MQTT link.
    let bot: (any BotStopper)?
    let skipBotStop: Bool
    let engine: any FleetEngine
    /// Nil: no bots folder configured; the instance's folder, wherever it is, stays.
    let folder: BotsFolder?
    let disposal: FolderDisposal
    /// The broker container, whose user for the bot (if it gives bots users) is removed.
    let broker: String
    let now: @Sendable () -> Double

    public init(
        name: String, bot: (any BotStopper)?, skipBotStop: Bool = false, engine: any FleetEngine, folder: BotsFolder?,
        disposal: FolderDisposal,
        broker: String = "hummingbot-broker", now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.broker = broker
        self.name = name
        self.bot = bot
        self.skipBotStop = skipBotStop
        self.engine = engine
        self.folder = folder
        self.disposal = disposal
        self.now = now
    }

    public func run(progress: @escaping FleetMonitor.Progress) async throws -> DeleteOutcome {
        var outcome = DeleteOutcome(name: name)
        let found: ContainerDetails?
        do {
            found = try await engine.inspectContainer(name)
        } catch DockerError.notFound {
            found = nil
        }
        if let found {
            let state = found.state
            if state.running || state.restarting || state.paused {
                outcome.stop = try await SafeStop.run(
                    found, name: name, bot: bot, skipped: skipBotStop, engine: engine, now: now, progress: progress)
            }
            progress("deleting \(name): removing the container…")
            try await engine.removeContainer(name, force: true)
            outcome.containerRemoved = true
            if BotNetwork.isIsolated(found.hostConfig.networkMode, instance: name) {
                progress("deleting \(name): removing its network…")
                try await engine.removeBotNetwork(of: name)
                outcome.networkRemoved = found.hostConfig.networkMode
            }
            if let folder, try await engine.removeBrokerUser(of: name, folder: folder, broker: broker) {
                outcome.brokerUserRemoved = true
            }
        } else if folder.map({ !FileManager.default.fileExists(atPath: $0.instance(name).path) }) ?? true {
            throw DockerError.notFound(message: "no such instance: \(name)")
        }
        if let folder {
            progress(
                "deleting \(name): \(disposal == .archive ? "archiving" : disposal == .purge ? "deleting" : "keeping") its folder…"
            )
            outcome.folder = try InstanceArchiver(folder: folder).dispose(name, disposal)
        }
        return outcome
    }
}
