import Docker
import HBModel
import Testing

@testable import Monitor

/// Several engines in one snapshot: `HOST/NAME`, each engine's state and broker kept apart.
@Suite struct FleetGroupTests {
    func snapshot(_ names: [String], engine: EngineStatus, broker: String, at time: Double) -> FleetSnapshot {
        var history = MetricHistory()
        history.append(cpu: 1, memory: 2, networkRate: 3, pnl: 4)
        return FleetSnapshot(
            takenAt: time, endpoint: "tcp+tls://\(broker):2376", engine: engine,
            instances: names.map { InstanceSnapshot(name: $0, state: .running) },
            broker: BrokerSnapshot(containerName: "hummingbot-broker", address: "\(broker):1883"),
            history: Dictionary(uniqueKeysWithValues: names.map { ($0, history) }))
    }

    @Test func instancesAreNamedByHostAndEachEngineKeepsItsState() {
        let a = snapshot(["bot_1", "bot_2"], engine: .live, broker: "a", at: 100)
        let b = snapshot(["bot_1"], engine: .offline(reason: "connection refused", lastGood: 90), broker: "b", at: 95)
        let merged = FleetMerge.merge([("hosta", a), ("hostb", b)])
        #expect(
            merged.instances.map(\.name) == ["hosta/bot_1", "hosta/bot_2", "hostb/bot_1"],
            "the same name on two hosts stays two")
        #expect(merged.instances.map(\.host) == ["hosta", "hosta", "hostb"])
        #expect(merged.instances[2].containerName == "bot_1")
        #expect(
            merged.hosts.map(\.name) == ["hosta", "hostb"]
                && merged.hosts[1].engine == .offline(reason: "connection refused", lastGood: 90))
        #expect(
            merged.engineIsLive(for: merged.instances[0]) && !merged.engineIsLive(for: merged.instances[2]),
            "only hostb's rows are stale")
        #expect(
            merged.broker(for: merged.instances[2]).address == "b:1883"
                && merged.broker(for: merged.instances[0]).address == "a:1883")
        #expect(Set(merged.history.keys) == ["hosta/bot_1", "hosta/bot_2", "hostb/bot_1"])
        #expect(merged.engine.isLive && merged.takenAt == 100)
        #expect(FleetMerge.merge([("hosta", a)]) == a, "one engine: names as they are")
    }

    @Test func namesAreRoutedToTheEngineThatHoldsThem() throws {
        let endpoint = try DockerEndpoint(parsing: "unix:///nowhere.sock")
        let members = ["hosta", "hostb"].map {
            FleetGroup.Member(host: $0, monitor: FleetMonitor(config: MonitorConfig(endpoint: endpoint, mqtt: nil)))
        }
        let group = FleetGroup(members)
        let routed = try #require(group.route("hostb/bot_1"))
        #expect(routed.name == "bot_1" && routed.host == "hostb" && routed.monitor === members[1].monitor)
        #expect(
            group.route("hostz/bot_1") == nil && group.route("bot_1") == nil,
            "an unknown host, or no host, reaches nothing")
        // History: this machine's bots under their own names, as with one engine; the other host's as HOST/NAME.
        #expect(group.historyName("hosta/bot_1") == "bot_1" && group.historyName("hostb/bot_1") == "hostb/bot_1")
        #expect(
            group.ownsHistory(of: "bot_1") && group.ownsHistory(of: "hostb/bot_1")
                && !group.ownsHistory(of: "hostz/bot_1"))
        var merged = FleetSnapshot(
            takenAt: 1, endpoint: "x", engine: .live, instances: [],
            broker: BrokerSnapshot(containerName: "b", address: "a"))
        merged.instances = [
            InstanceSnapshot(name: "hosta/bot_1", state: .running),
            InstanceSnapshot(name: "hostb/bot_1", state: .running),
        ]
        merged.instances[0].host = "hosta"
        merged.instances[1].host = "hostb"
        #expect(group.historyView(merged).instances.map(\.name) == ["bot_1", "hostb/bot_1"])
        let single = FleetGroup([members[0]])
        #expect(
            single.route("bot_1")?.name == "bot_1" && single.snapshots === members[0].monitor.snapshots,
            "one engine is the monitor itself")
    }
}
