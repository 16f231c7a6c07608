import Deploy
import Docker
import Foundation
import HBModel
import Monitor

/// Moves a bot between host networking and a network of its own (`BotNetwork`): stopped the way its kind
/// stops safely (its orders cancelled), its `conf_client.yml` given the broker's address as seen from the new
/// network, its container made again from its own settings and folder with the new network mode, then
/// started again if it ran. A failure before the new container exists puts the config back as it was.
public struct NetworkMove: Sendable {
    public enum Target: String, Sendable, CaseIterable {
        case host, isolated
    }

    /// Where the bot finds the broker from the host: the address hbdeck itself uses.
    public struct Broker: Sendable {
        public let container: String
        public let host: String
        public let port: Int

        public init(container: String, host: String, port: Int) {
            self.container = container
            self.host = host
            self.port = port
        }
    }

    let name: String
    let target: Target
    let broker: Broker
    let bot: (any BotStopper)?
    let engine: any FleetEngine
    let folder: BotsFolder
    let now: @Sendable () -> Double

    public init(
        name: String, to target: Target, broker: Broker, bot: (any BotStopper)?, engine: any FleetEngine,
        folder: BotsFolder,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.name = name
        self.target = target
        self.broker = broker
        self.bot = bot
        self.engine = engine
        self.folder = folder
        self.now = now
    }

    var conf: String { "instances/\(name)/conf/conf_client.yml" }

    public func run(progress: @escaping FleetMonitor.Progress) async throws -> String {
        let found = try await engine.inspectContainer(name)
        let mode = target == .isolated ? BotNetwork.name(of: name) : "host"
        guard found.hostConfig.networkMode != mode else {
            return "\(name) is already on \(target.rawValue) networking: nothing done"
        }
        let store = VersionStore(folder: folder)
        guard let before = try store.read(conf) else {
            throw DeployProblem(.folder, "\(conf) is not in the bots folder: its broker address cannot be changed")
        }
        var done: [String] = []
        let wasRunning = found.state.running || found.state.restarting
        if wasRunning {
            let stopped = try await SafeStop.run(
                found, name: name, bot: bot, skipped: false, engine: engine, now: now, progress: progress)
            done.append(stopped.summary)
        }
        progress("moving \(name): its broker address…")
        let route =
            target == .isolated
            ? try await engine.isolate(name, broker: broker.container, brokerHost: broker.host, brokerPort: broker.port)
            : BotNetwork.Route(host: broker.host, port: broker.port)
        do {
            try ConfigForm(folder: folder).set(
                [("mqtt_bridge.mqtt_host", route.host), ("mqtt_bridge.mqtt_port", String(route.port))], in: conf)
            done.append("conf_client.yml: mqtt_host \(route.host), mqtt_port \(route.port)")
            progress("moving \(name): making its container again on \(mode)…")
            _ = try await engine.recreate(name, networkMode: mode)
        } catch {
            try? store.save(before, to: conf, message: "put back: the move to \(target.rawValue) networking failed")
            if target == .isolated { try? await engine.removeBotNetwork(of: name) }
            throw DeployProblem(
                .engine,
                "\(error) · \(name) was not moved\(wasRunning ? " and stays stopped" : ""), with its settings as they were"
            )
        }
        done.append("container made again on \(target == .isolated ? "its own network \(mode)" : "host networking")")
        if BotNetwork.isIsolated(found.hostConfig.networkMode, instance: name) {
            try await engine.removeBotNetwork(of: name)
            done.append("network \(found.hostConfig.networkMode) removed")
        }
        if wasRunning {
            progress("moving \(name): starting it again…")
            try await engine.startContainer(name)
            done.append("started again")
        }
        return "moved \(name) to \(target.rawValue) networking: " + done.joined(separator: " · ")
    }
}
