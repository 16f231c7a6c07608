import BotLink
import Foundation
import HBModel

/// What the screen shows of a fleet hummingbot-api runs, from one `APIFleetReading`. Pure.
///
/// A bot is a container whose image is a Hummingbot image (the API's own rule: `…/hummingbot:TAG`), or a
/// name the API has a status or a run for. Its state is its container's; its figures are the API's copy of
/// its MQTT performance reports; what the API does not give (CPU, memory, network, trades, open orders,
/// uptime) stays nil, shown `—`, and `InstanceSnapshot.throughAPI` says why.
public enum APIFleetView {
    /// Problems kept per bot, as the API keeps 100 of each.
    static let maxProblems = 100

    public static func snapshot(
        _ reading: APIFleetReading, server: APIServer, now: Double, stopping: [String: String] = [:],
        linkSince: Double? = nil
    ) -> FleetSnapshot {
        var snapshot = FleetSnapshot(
            takenAt: now, endpoint: server.baseURL, engine: .live,
            instances: instances(reading, server: server, stopping: stopping, now: now),
            broker: broker(reading.mqtt, since: linkSince ?? now))
        snapshot.throughAPI = true
        return snapshot
    }

    /// A snapshot that says the API does not answer, with the rows last seen.
    public static func offline(
        _ previous: FleetSnapshot?, server: APIServer, reason: String, lastGood: Double?, now: Double
    ) -> FleetSnapshot {
        var snapshot =
            previous
            ?? FleetSnapshot(
                takenAt: now, endpoint: server.baseURL, engine: .connecting, instances: [],
                broker: broker(nil, since: now))
        snapshot.takenAt = now
        snapshot.throughAPI = true
        snapshot.engine = .offline(reason: reason, lastGood: lastGood)
        return snapshot
    }

    public static func instances(
        _ reading: APIFleetReading, server: APIServer, stopping: [String: String] = [:], now: Double
    ) -> [InstanceSnapshot] {
        let containers = reading.containersByName
        let runs = Dictionary(reading.runs.map { ($0.botName, $0) }, uniquingKeysWith: { a, b in a.id > b.id ? a : b })
        var names = Set(reading.status.keys)
        names.formUnion(runs.keys.filter { containers[$0] != nil })
        names.formUnion(containers.values.filter { isHummingbotImage($0.image) }.map(\.name))
        return names.sorted().map { name in
            instance(
                name, container: containers[name], status: reading.status[name], run: runs[name],
                stopping: stopping[name], server: server, now: now)
        }
    }

    static func instance(
        _ name: String, container: APIContainer?, status: APIBotStatus?, run: APIBotRun?, stopping: String?,
        server: APIServer, now: Double
    ) -> InstanceSnapshot {
        let (state, reason) = state(container: container, status: status)
        var snapshot = InstanceSnapshot(
            name: name, containerID: container.map { String($0.id.prefix(64)) }, image: container?.image ?? "",
            state: state, reason: reason, strategy: run.flatMap { $0.configName ?? $0.strategyName },
            networkMode: "")
        snapshot.throughAPI = server.baseURL
        if let stopping, state == .running {
            snapshot.state = .stopping
            snapshot.reason = stopping
        }
        guard let status else { return snapshot }
        if state == .running || state == .stopping {
            snapshot.health = status.recentlyActive == true ? .online : .unresponsive
        }
        let controllers = status.performance.sorted { $0.key < $1.key }.map { id, report in
            let figures = report.performance
            return ControllerFigures(
                name: String(TerminalSafeText.sanitize(id).prefix(64)),
                pnl: WireNumber.figure(figures?["global_pnl_quote"]),
                pnlPercent: WireNumber.figure(figures?["global_pnl_pct"]),
                realized: WireNumber.figure(figures?["realized_pnl_quote"]),
                unrealized: WireNumber.figure(figures?["unrealized_pnl_quote"]),
                volume: WireNumber.figure(figures?["volume_traded"]))
        }
        snapshot.controllers = controllers
        if !controllers.isEmpty {
            snapshot.pnl = sum(controllers.map(\.pnl))
            snapshot.volume = sum(controllers.map(\.volume))
            snapshot.volumeSource = snapshot.volume == nil ? nil : .apiCopy
            snapshot.performanceAt = now
        }
        let problems = status.errorLogs.suffix(maxProblems).map { entry in
            ProblemRecord(
                time: entry.timestamp.flatMap { WireNumber.time(.number($0)) } ?? now,
                level: String(TerminalSafeText.sanitize(entry.levelName).prefix(16)),
                logger: String(TerminalSafeText.sanitize(entry.loggerName ?? "").prefix(200)),
                message: TextCut.cut(entry.msg, toBytes: 16 << 10))
        }
        snapshot.problems = Array(problems)
        snapshot.errors = problems.filter { $0.level != "WARNING" }.count
        // The API keeps the last 100 records it heard: more may have been logged.
        snapshot.countsAreLowerBounds = true
        return snapshot
    }

    /// The container decides; a bot the API only hears over MQTT has no container it can see.
    static func state(container: APIContainer?, status: APIBotStatus?) -> (InstanceState, String?) {
        guard let container else {
            return status?.recentlyActive == true
                ? (.running, "heard over MQTT only: the API's engine holds no container of this name")
                : (.stopped, "no container: the API heard of it over MQTT")
        }
        switch container.status {
        case "running": return (.running, nil)
        case "created": return (.created, nil)
        case "restarting": return (.starting, "the engine is restarting it")
        case "paused": return (.stopped, "paused")
        case "dead": return (.error, "the engine reports the container dead")
        default: return (.stopped, nil)
        }
    }

    /// The API's link to its broker, as the broker panel shows it.
    static func broker(_ mqtt: APIMQTTStatus?, since: Double) -> BrokerSnapshot {
        var broker = BrokerSnapshot(
            containerName: "broker (the API's)", address: "—",
            link: .disconnected(reason: "the API did not say how its broker link is"))
        broker.heldByAPI = true
        guard let mqtt else { return broker }
        broker.address = "\(TerminalSafeText.sanitize(String(mqtt.brokerHost.prefix(253)))):\(mqtt.brokerPort)"
        broker.botsHeard = mqtt.discoveredBots.count
        broker.link =
            mqtt.mqttConnected ? .connected(since: since) : .disconnected(reason: "the API's link: \(mqtt.clientState)")
        return broker
    }

    /// The API's own rule for a Hummingbot container (`BotsOrchestrator.hummingbot_containers_fiter`).
    static func isHummingbotImage(_ image: String) -> Bool {
        guard let range = image.range(of: "/hummingbot:") else { return false }
        return range.lowerBound > image.startIndex
    }

    static func sum(_ values: [Double?]) -> Double? {
        let known = values.compactMap { $0 }
        return known.isEmpty ? nil : known.reduce(0, +)
    }
}
