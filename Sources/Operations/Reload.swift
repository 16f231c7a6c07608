import BotLink
import Deploy
import Docker
import Foundation
import HBModel
import Monitor

/// Applies changed strategy files to a running bot, the least disruptive way that works:
/// - only controller configs changed: nothing to do, the client re-reads them every 10 s (fields marked
///   updatable take effect then, the others at the next start);
/// - a script or script config changed (quickstart bots): the bot's MQTT `stop`, then `start` with the script;
///   when the bot refuses that start (the current client always does, an upstream bug), the container is
///   restarted instead, and the result says which happened;
/// - bots the client's `hbot` runs read everything at start: a graceful restart.
public struct Reload: Sendable {
    /// How often the client re-reads controller configs (`config_update_interval`).
    public static let controllerRereadSeconds = 10.0

    let name: String
    let bot: (any BotStopper & BotStarter)?
    let engine: any FleetEngine
    let folder: BotsFolder
    let now: @Sendable () -> Double

    public init(
        name: String, bot: (any BotStopper & BotStarter)?, engine: any FleetEngine, folder: BotsFolder,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.name = name
        self.bot = bot
        self.engine = engine
        self.folder = folder
        self.now = now
    }

    public func run(progress: @escaping FleetMonitor.Progress) async throws -> String {
        let found = try await engine.inspectContainer(name)
        guard found.state.running, let started = Timestamp.parse(found.state.startedAt, utc: true) else {
            return "\(name) is not running: its files are read when it starts"
        }
        let changed = changedSince(started)
        guard !changed.isEmpty else {
            return "nothing changed in \(name)'s strategy files since it started: nothing to reload"
        }
        let shown = changed.joined(separator: ", ")
        if changed.allSatisfy({ $0.hasPrefix("conf/controllers/") }) {
            return
                "\(shown) changed: the bot re-reads its controller configs every \(Int(Self.controllerRereadSeconds)) s, so "
                + "fields marked updatable take effect within that (others at its next start); nothing else was done"
        }
        if BotEngine.of(command: found.config.cmd) == .hbot {
            progress("reloading \(name): graceful restart (the bot reads its files at start)…")
            try await engine.restartContainer(name, timeout: GracefulStop.grace)
            return "reloaded \(name) (\(shown)): restarted gracefully, as bots run by hbot read their files at start"
        }
        let config = found.config.env.first { $0.hasPrefix("SCRIPT_CONFIG=") }.map {
            String($0.dropFirst("SCRIPT_CONFIG=".count))
        }
        var refusal = "no MQTT link to the bot"
        var woundDown = false
        if let bot, let config {
            progress("reloading \(name): asking the bot to stop its strategy…")
            let stopped = await StopProcedure(name: name, bot: bot, skipped: false, engine: engine, now: now).askBot(
                progress: progress)
            woundDown = stopped.woundDown
            if stopped.accepted {
                progress("reloading \(name): starting the strategy again with \(config)…")
                let reply = try? await bot.start(name, script: script(of: config), conf: config)
                if let reply, reply.succeeded {
                    return "reloaded \(name) over MQTT (\(shown)): its container kept running"
                }
                refusal = reply.map { "the bot answered \($0.status): \($0.message)" } ?? "no answer to start"
            } else {
                refusal = "to stop, \(stopped.said)"
            }
        }
        progress("reloading \(name): \(refusal) · restarting the container instead…")
        if woundDown {
            // Nothing is left to lose once the bot wound down, and its bash PID 1 ignores SIGTERM anyway.
            try await engine.stopContainer(name, timeout: StopProcedure.graceAfterWindDown)
            try await engine.startContainer(name)
        } else {
            try await engine.restartContainer(name, timeout: StopProcedure.grace)
        }
        return "reloaded \(name) (\(shown)) by restarting its container: \(refusal)"
    }

    /// Files of the instance's strategy changed after `time`, relative to its folder (or the bots folder's
    /// shared `scripts/` and `controllers/`).
    func changedSince(_ time: Double) -> [String] {
        let instance = folder.instance(name)
        var changed: [String] = []
        for sub in ["conf/scripts", "conf/controllers", "conf/strategies"] {
            for file in Self.files(in: instance.appendingPathComponent(sub)) where Self.modified(file) > time {
                changed.append("\(sub)/\(file.lastPathComponent)")
            }
        }
        for sub in ["scripts", "controllers"] {
            for file in Self.files(in: folder.root.appendingPathComponent(sub), deep: true)
            where Self.modified(file) > time {
                changed.append(String(file.path.dropFirst(folder.root.path.count + 1)))
            }
        }
        return changed.sorted()
    }

    /// The script a script config runs (`script_file_name`), nil when it names none.
    func script(of config: String) -> String? {
        guard let text = try? VersionStore(folder: folder).readText("instances/\(name)/conf/scripts/\(config)"),
            let root = (try? BoundedYAML.load(text)) as? [String: Any]
        else { return nil }
        return root["script_file_name"] as? String
    }

    static func files(in folder: URL, deep: Bool = false) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                options: deep ? [.skipsHiddenFiles] : [.skipsHiddenFiles, .skipsSubdirectoryDescendants])
        else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }

    static func modified(_ url: URL) -> Double {
        ((try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date)?
            .timeIntervalSince1970 ?? 0
    }
}
