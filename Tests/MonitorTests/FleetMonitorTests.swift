import Deploy
import Docker
import Foundation
import HBModel
import HBTestSupport
import Synchronization
import Testing

@testable import Monitor

/// An engine held in memory: containers, a switch to make it unreachable, events on demand.
final class FakeEngine: FleetEngine {
    struct Container {
        var name: String
        var state: String  // running, exited, …
        var exitCode = 0
        var restartCount = 0
        var startedAt = "2026-11-26T00:00:00Z"
        var errorsLog: String?
        var networkMode = "host"
        var networks: [String] = []
        /// The container's command (`Config.Cmd`), nil: none given.
        var command: [String]?
    }

    private let state = Mutex<
        (
            containers: [String: Container], reachable: Bool,
            events: [AsyncThrowingStream<DockerEvent, any Error>.Continuation], started: [String], done: [String]
        )
    >(([:], true, [], [], []))
    let gate = Mutex<CheckedContinuation<Void, Never>?>(nil)

    func put(_ id: String, _ container: Container) {
        state.withLock { $0.containers[id] = container }
        changed()
    }

    func remove(_ id: String) {
        state.withLock { $0.containers[id] = nil }
        changed()
    }

    func setReachable(_ reachable: Bool) {
        let streams = state.withLock { s -> [AsyncThrowingStream<DockerEvent, any Error>.Continuation] in
            s.reachable = reachable
            defer { if !reachable { s.events = [] } }
            return reachable ? [] : s.events
        }
        for stream in streams { stream.finish(throwing: DockerError.unreachable(endpoint: "fake", reason: "gone")) }
    }

    var started: [String] { state.withLock { $0.started } }
    /// Stops and removals asked for, in order: `stop NAME (grace)`, `remove NAME`.
    var done: [String] { state.withLock { $0.done } }

    private func changed() {
        let event = try! JSONDecoder().decode(
            DockerEvent.self,
            from: Data(#"{"Type":"container","Action":"update","Actor":{"ID":"x","Attributes":{}},"time":1}"#.utf8))
        for stream in state.withLock({ $0.events }) { stream.yield(event) }
    }

    private func check() throws {
        guard state.withLock({ $0.reachable }) else {
            throw DockerError.unreachable(endpoint: "fake", reason: "connection refused")
        }
    }

    func listContainers() async throws -> [ContainerSummary] {
        try check()
        return try state.withLock { $0.containers }.map { id, c in
            let networks = c.networks.map { "\"\($0)\":{}" }.joined(separator: ",")
            let json =
                #"{"Id":"\#(id)","Names":["/\#(c.name)"],"Image":"hummingbot/hummingbot:latest","State":"\#(c.state)","Status":"\#(c.state)","Created":1,"NetworkSettings":{"Networks":{\#(networks)}}}"#
            return try JSONDecoder().decode(ContainerSummary.self, from: Data(json.utf8))
        }
    }

    func resolvingImageNames(_ containers: [ContainerSummary], known: [String: String]) async throws
        -> [ContainerSummary]
    { containers }

    func inspectContainer(_ idOrName: String) async throws -> ContainerDetails {
        try check()
        guard
            let (id, c) = state.withLock({ s in s.containers.first { $0.key == idOrName || $0.value.name == idOrName } }
            )
        else {
            throw DockerError.notFound(message: "no such container: \(idOrName)")
        }
        let command = c.command.map { "\"Cmd\":[" + $0.map { "\"\($0)\"" }.joined(separator: ",") + "]" } ?? ""
        let json = #"""
            {"Id":"\#(id)","Name":"/\#(c.name)","RestartCount":\#(c.restartCount),"State":{"Status":"\#(c.state)","Running":\#(c.state == "running"),
             "Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":0,"ExitCode":\#(c.exitCode),"Error":"",
             "StartedAt":"\#(c.startedAt)","FinishedAt":"0001-01-01T00:00:00Z"},"Config":{\#(command)},"HostConfig":{"NetworkMode":"\#(c.networkMode)"},
             "NetworkSettings":{"Networks":{\#(c.networks.map { "\"\($0)\":{}" }.joined(separator: ","))}}}
            """#
        return try JSONDecoder().decode(ContainerDetails.self, from: Data(json.utf8))
    }

    /// A recorded sample of the engine's.
    func stats(_ idOrName: String) async throws -> StatsSample {
        guard let url = Bundle.module.url(forResource: "Fixtures/stats-cgroup1", withExtension: "json") else {
            throw DockerError.notFound(message: "fixture stats-cgroup1.json")
        }
        return try JSONDecoder().decode(StatsSample.self, from: try Data(contentsOf: url))
    }

    func tailOfFile(_ idOrName: String, path: String, maxBytes: Int, readLimit: Int) async throws -> [UInt8]? {
        state.withLock { $0.containers[idOrName]?.errorsLog }.map { Array($0.utf8) }
    }

    func containerEvents() async throws -> any AsyncSequence<DockerEvent, any Error> & Sendable {
        try check()
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: DockerEvent.self)
        state.withLock { $0.events.append(continuation) }
        return stream
    }

    func startContainer(_ idOrName: String) async throws {
        try check()
        await withCheckedContinuation { continuation in gate.withLock { $0 = continuation } }
        state.withLock { $0.started.append(idOrName) }
    }

    func release() {
        gate.withLock {
            $0?.resume()
            $0 = nil
        }
    }
    var waitingAtGate: Bool { gate.withLock { $0 != nil } }

    /// The bot's own output says it wound down as soon as it is watched.
    func watchWindDown(of name: String) async -> WindDownWatch {
        WindDownWatch(
            source: "its container's output",
            seen: AsyncStream {
                $0.yield()
                $0.finish()
            })
    }

    func stopContainer(_ idOrName: String, timeout: Int) async throws {
        try check()
        state.withLock { s in
            s.done.append("stop \(idOrName) (\(timeout))")
            // As the quickstart image's bash PID 1 ends: killed after the grace period.
            for (id, c) in s.containers where c.name == idOrName {
                s.containers[id]?.state = "exited"
                s.containers[id]?.exitCode = 137
            }
        }
    }

    func restartContainer(_ idOrName: String, timeout: Int) async throws { try check() }

    func removeContainer(_ idOrName: String, force: Bool) async throws {
        try check()
        state.withLock { s in
            s.done.append("remove \(idOrName)")
            for (id, c) in s.containers where c.name == idOrName || id == idOrName { s.containers[id] = nil }
        }
    }
    func attachBrokerToBotNetworks(_ broker: String) async throws -> [String] {
        try check()
        return state.withLock { s in
            let wanted = s.containers.values.map(\.networkMode).filter { $0.hasPrefix("hbdeck-") }
            guard let (id, found) = s.containers.first(where: { $0.value.name == broker }) else { return [] }
            let missing = wanted.filter { !found.networks.contains($0) }.sorted()
            s.containers[id]?.networks += missing
            s.done.append("attach \(broker) to \(missing.joined(separator: ","))")
            return missing
        }
    }

    func recreate(_ name: String, networkMode: String) async throws -> String {
        try check()
        return state.withLock { s in
            s.done.append("recreate \(name) on \(networkMode)")
            for (id, c) in s.containers where c.name == name { s.containers[id]?.networkMode = networkMode }
            return "new-\(name)"
        }
    }

    func isolate(_ instance: String, broker: String, brokerHost: String, brokerPort: Int) async throws
        -> BotNetwork.Route
    {
        try check()
        state.withLock { $0.done.append("isolate \(instance)") }
        return BotNetwork.Route(host: broker, port: 1883)
    }

    /// The fake's broker gives bots no users of their own.
    func removeBrokerUser(of instance: String, folder: BotsFolder, broker: String) async throws -> Bool { false }

    func removeBotNetwork(of instance: String) async throws {
        try check()
        state.withLock { $0.done.append("remove network hbdeck-\(instance)") }
    }
    func close() async {}
}

/// The monitor's rules against a fake engine and a clock of the test's own.
@Suite struct FleetMonitorTests {
    /// Real time moved to 2026-11-26T02:26:40Z, which a test can move on.
    final class Clock: Sendable {
        let offset = Mutex<Double>(1_795_660_000 - Date().timeIntervalSince1970)
        func advance(_ seconds: Double) { offset.withLock { $0 += seconds } }
        var now: Double { Date().timeIntervalSince1970 + offset.withLock { $0 } }
    }

    static func monitor(_ engine: FakeEngine, clock: Clock = Clock(), endpoint: String = "tcp://127.0.0.1:1")
        -> FleetMonitor
    {
        let config = MonitorConfig(endpoint: try! DockerEndpoint(parsing: endpoint), mqtt: nil, refreshInterval: 0.05)
        return FleetMonitor(
            config: config,
            connector: { _ in
                (engine, try await engine.listContainers())
            }, now: { clock.now })
    }

    /// Runs a monitor on `engine` for the length of `body`.
    func watching(
        _ engine: FakeEngine, clock: Clock = Clock(), endpoint: String = "tcp://127.0.0.1:1",
        _ body: (FleetMonitor) async throws -> Void
    ) async throws {
        let monitor = Self.monitor(engine, clock: clock, endpoint: endpoint)
        let running = Task { await monitor.run() }
        defer { running.cancel() }
        try await body(monitor)
    }

    func instance(_ monitor: FleetMonitor, _ name: String) -> InstanceSnapshot? {
        monitor.snapshots.current.value.instances.first { $0.name == name }
    }

    @Test func anEngineThatGoesAwayLeavesTheLastStateMarkedStale() async throws {
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "running"))
        engine.put("b", .init(name: "bot_b", state: "exited"))
        try await watching(engine) { (monitor: FleetMonitor) async throws in
            #expect(
                try await eventually(within: 20) {
                    monitor.snapshots.current.value.instances.count == 2
                        && monitor.snapshots.current.value.engine == .live
                })
            engine.setReachable(false)
            #expect(
                try await eventually(within: 20) {
                    if case .offline(_, let lastGood?) = monitor.snapshots.current.value.engine {
                        return lastGood > 0
                    } else {
                        return false
                    }
                })
            #expect(
                monitor.snapshots.current.value.instances.map(\.name).sorted() == ["bot_a", "bot_b"],
                "what was shown stays, marked stale")
            engine.setReachable(true)
            #expect(try await eventually(within: 30) { monitor.snapshots.current.value.engine == .live })
        }
    }

    @Test func aRemovedContainerLeavesTheTableAtItsEvent() async throws {
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "running"))
        engine.put("b", .init(name: "bot_b", state: "running"))
        try await watching(engine) { (monitor: FleetMonitor) async throws in
            #expect(try await eventually(within: 20) { monitor.snapshots.current.value.instances.count == 2 })
            engine.remove("b")
            #expect(
                try await eventually(within: 20) { monitor.snapshots.current.value.instances.map(\.name) == ["bot_a"] })
        }
    }

    @Test func whyABotStoppedComesFromItsErrorsLog() async throws {
        let engine = FakeEngine()
        engine.put(
            "a", .init(name: "bot_a", state: "exited", exitCode: 0, errorsLog: "Traceback…\nInvalid password.\n"))
        try await watching(engine) { (monitor: FleetMonitor) async throws in
            #expect(
                try await eventually(within: 20) {
                    instance(monitor, "bot_a")?.reason == "exited 0 · errors.log: Invalid password."
                })
            #expect(instance(monitor, "bot_a")?.state == .stopped)
        }
    }

    /// A local engine whose containers' cgroups cannot be read from here (hbdeck in a container, rootless
    /// Docker): the figures come from the engine's stats, and say so.
    @Test func whereCgroupsAreNotVisibleFiguresComeFromTheEngine() async throws {
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "running"))
        try await watching(engine, endpoint: "unix:///nonexistent/docker.sock") {
            (monitor: FleetMonitor) async throws in
            #expect(try await eventually(within: 20) { instance(monitor, "bot_a")?.resources.memoryUsed != nil })
            #expect(instance(monitor, "bot_a")?.resources.source == .engineStats)
        }
    }

    @Test func aCrashLoopIsAnErrorUntilTheContainerStaysUp() async throws {
        let engine = FakeEngine()
        let clock = Clock()
        engine.put("a", .init(name: "bot_a", state: "running", restartCount: 5, startedAt: "2026-11-26T02:26:38Z"))
        try await watching(engine, clock: clock) { (monitor: FleetMonitor) async throws in
            #expect(try await eventually(within: 20) { instance(monitor, "bot_a")?.state == .error })
            #expect(instance(monitor, "bot_a")?.reason == "restarting in a loop (5 restarts)")
            clock.advance(60)
            #expect(
                try await eventually(within: 20) { instance(monitor, "bot_a")?.state == .running },
                "up for a minute: settled")
        }
    }

    @Test func actionsAreOnePerInstanceAndRefusedWhileOffline() async throws {
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "exited"))
        try await watching(engine) { (monitor: FleetMonitor) async throws in
            #expect(try await eventually(within: 20) { monitor.snapshots.current.value.engine == .live })
            let first = Task { await monitor.start("bot_a", progress: { _ in }) }
            #expect(try await eventually(within: 20) { engine.waitingAtGate })
            #expect(
                try await eventually(within: 20) { instance(monitor, "bot_a")?.state == .starting },
                "the action shows at once")
            #expect(
                await monitor.start("bot_a", progress: { _ in })
                    == "bot_a is busy with another action: nothing was done")
            engine.release()
            #expect(await first.value == "bot_a: started")
            #expect(engine.started == ["bot_a"], "done once")
            engine.setReachable(false)
            #expect(
                try await eventually(within: 20) {
                    if case .offline = monitor.snapshots.current.value.engine { return true } else { return false }
                })
            #expect(
                await monitor.start("bot_a", progress: { _ in }) == "the Docker engine is offline: nothing was done")
            #expect(engine.started == ["bot_a"])
        }
    }

    /// Between Stopping and Stopped the row never shows the Running from before the stop: an action's marker
    /// stays until a look at the engine begun after it ended (found in tmux: a second of Running in between).
    @Test func aStoppedBotGoesFromStoppingToStoppedWithoutRunningBetween() async throws {
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "running"))
        try await watching(engine) { (monitor: FleetMonitor) async throws in
            #expect(try await eventually(within: 20) { instance(monitor, "bot_a")?.state == .running })
            let seen = Mutex<[InstanceState]>([])
            monitor.snapshots.onChange {
                if let state = monitor.snapshots.current.value.instances.first(where: { $0.name == "bot_a" })?.state {
                    seen.withLock { if $0.last != state { $0.append(state) } }
                }
            }
            for _ in 0..<20 {
                engine.put("a", .init(name: "bot_a", state: "running"))
                #expect(try await eventually(within: 20) { instance(monitor, "bot_a")?.state == .running })
                seen.withLock { $0 = [] }
                _ = await monitor.stop("bot_a", skipBotStop: true) { _ in }
                #expect(try await eventually(within: 20) { instance(monitor, "bot_a")?.state == .stopped })
                // A snapshot of the Running before the stop may still be on its way when `seen` is emptied.
                let states = seen.withLock { $0 }.drop { $0 == .running }
                #expect(states.first == .stopping && !states.dropFirst().contains(.running), "\(states)")
            }
        }
    }

    /// The 137 a stop from this console leaves (the quickstart's bash ignores SIGTERM) reads as that stop.
    @Test func aStopFromThisConsoleIsSaidSoNotAsAKill() async throws {
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "running"))
        engine.put("b", .init(name: "bot_b", state: "exited", exitCode: 137))
        try await watching(engine) { (monitor: FleetMonitor) async throws in
            #expect(try await eventually(within: 20) { instance(monitor, "bot_a")?.state == .running })
            let result = await monitor.stop("bot_a", skipBotStop: false) { _ in }
            #expect(result.hasPrefix("stopped bot_a: no MQTT link"), "\(result)")
            engine.put("a", .init(name: "bot_a", state: "exited", exitCode: 137))
            #expect(
                try await eventually(within: 20) {
                    instance(monitor, "bot_a")?.reason == "stopped by hbdeck (exit 137)"
                })
            #expect(instance(monitor, "bot_b")?.reason == "exited 137", "one stopped elsewhere says only its code")
        }
    }
}

extension FleetMonitorTests {
    /// An isolated bot whose network the broker is not on is said in the broker's panel, and attaching mends it.
    @Test func aBrokerMissingFromAnIsolatedBotsNetworkIsSaidAndMended() async throws {
        let engine = FakeEngine()
        engine.put(
            "m",
            .init(name: "hummingbot-broker", state: "running", networkMode: "hbdeck-mqtt", networks: ["hbdeck-mqtt"]))
        engine.put("a", .init(name: "iso_a", state: "running", networkMode: "hbdeck-iso_a", networks: ["hbdeck-iso_a"]))
        engine.put("b", .init(name: "host_b", state: "running"))
        try await watching(engine) { (monitor: FleetMonitor) async throws in
            #expect(
                try await eventually(within: 20) {
                    monitor.snapshots.current.value.broker.missingNetworks == ["hbdeck-iso_a"]
                })
            let result = await monitor.attachBrokerToBotNetworks { _ in }
            #expect(result == "broker hummingbot-broker: attached to hbdeck-iso_a")
            #expect(engine.done.contains("attach hummingbot-broker to hbdeck-iso_a"))
            #expect(try await eventually(within: 20) { monitor.snapshots.current.value.broker.missingNetworks.isEmpty })
        }
    }
}
