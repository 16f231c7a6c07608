import Deploy
import Docker
import Foundation
import HBModel
import HBTestSupport
import Synchronization
import Testing

@testable import Monitor

/// The monitor's rules against a fake engine and a clock of the test's own.
@Suite struct FleetMonitorTests {
    /// 2026-11-26T02:26:40Z when the clock is made; it moves only when a test moves it.
    static let epoch = 1_795_660_000.0

    static func monitor(
        _ engine: FakeEngine, clock: ManualClock, endpoint: String = "tcp://127.0.0.1:1", locks: URL? = nil
    ) -> FleetMonitor {
        var config = MonitorConfig(endpoint: try! DockerEndpoint(parsing: endpoint), mqtt: nil, refreshInterval: 2)
        // Each test's locks apart: tests run at once, on the same fake engine address and names.
        config.lockFolder = locks ?? FileManager.default.temporaryDirectory.appendingPathComponent("locks-\(UUID())")
        return FleetMonitor(
            config: config, connector: { _ in (engine, try await engine.listContainers()) },
            now: { epoch + clock.elapsed }, clock: clock)
    }

    /// Runs a monitor on `engine` for the length of `body`.
    func watching(
        _ engine: FakeEngine, clock: ManualClock = ManualClock(), endpoint: String = "tcp://127.0.0.1:1",
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
        let clock = ManualClock()
        try await watching(engine, clock: clock) { (monitor: FleetMonitor) async throws in
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
            // Its next try is a backoff away: the clock is moved a second at a time until it is made.
            #expect(
                try await eventually(within: 30) {
                    clock.advance(by: .seconds(1))
                    return monitor.snapshots.current.value.engine == .live
                })
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
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/stats-cgroup1", withExtension: "json"))
        engine.setStats(try JSONDecoder().decode(StatsSample.self, from: Data(contentsOf: fixture)))
        try await watching(engine, endpoint: "unix:///nonexistent/docker.sock") {
            (monitor: FleetMonitor) async throws in
            #expect(try await eventually(within: 20) { instance(monitor, "bot_a")?.resources.memoryUsed != nil })
            #expect(instance(monitor, "bot_a")?.resources.source == .engineStats)
        }
    }

    @Test func aCrashLoopIsAnErrorUntilTheContainerStaysUp() async throws {
        let engine = FakeEngine()
        let clock = ManualClock()
        engine.put("a", .init(name: "bot_a", state: "running", restartCount: 5, startedAt: "2026-11-26T02:26:38Z"))
        try await watching(engine, clock: clock) { (monitor: FleetMonitor) async throws in
            #expect(try await eventually(within: 20) { instance(monitor, "bot_a")?.state == .error })
            #expect(instance(monitor, "bot_a")?.reason == "restarting in a loop (5 restarts)")
            #expect(
                try await clock.advance(
                    by: .seconds(1), until: { instance(monitor, "bot_a")?.state == .running }, atMost: .seconds(60)),
                "up for a while: settled")
            #expect(clock.elapsed >= 8, "not before it has been up for 10 s")
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

    /// Two hbdecks on one machine (two consoles, a console and a command) never act on one bot at once: the second
    /// is refused while the first's action runs, and may act once it has ended.
    @Test func anotherHbdecksActionOnABotRefusesThisOne() async throws {
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "exited"))
        let locks = FileManager.default.temporaryDirectory.appendingPathComponent("locks-\(UUID())")
        let (clock, otherClock) = (ManualClock(), ManualClock())
        let here = Self.monitor(engine, clock: clock, locks: locks)
        let other = Self.monitor(engine, clock: otherClock, locks: locks)
        let running = [Task { await here.run() }, Task { await other.run() }]
        defer { running.forEach { $0.cancel() } }
        #expect(
            try await eventually(within: 20) {
                here.snapshots.current.value.engine == .live && other.snapshots.current.value.engine == .live
            })
        let first = Task { await here.start("bot_a", progress: { _ in }) }
        #expect(try await eventually(within: 20) { engine.waitingAtGate })
        #expect(
            await other.start("bot_a", progress: { _ in })
                == "bot_a is busy with another hbdeck's action (pid \(getpid())): nothing was done")
        engine.release()
        #expect(await first.value == "bot_a: started")
        let again = Task { await other.start("bot_a", progress: { _ in }) }
        #expect(try await eventually(within: 20) { engine.waitingAtGate }, "the first has ended: the other may act")
        engine.release()
        #expect(await again.value == "bot_a: started")
        #expect(engine.started == ["bot_a", "bot_a"])
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
