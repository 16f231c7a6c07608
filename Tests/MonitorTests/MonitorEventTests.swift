import Docker
import HBModel
import HBTestSupport
import Testing

@testable import Monitor

/// The monitor's shell on a fake engine, a fake bot link and a manual clock: what engine events and time
/// passing do to the screen, with no real time passing and no list the events do not need.
struct MonitorEventTests {
    static let epoch = 1_795_660_000.0
    let engine = FakeEngine()
    let bots = FakeBotLink()
    let clock = ManualClock()

    func watching(_ body: (FleetMonitor) async throws -> Void) async throws {
        let config = MonitorConfig(
            endpoint: try DockerEndpoint(parsing: "tcp://127.0.0.1:1"), mqtt: nil, refreshInterval: 2)
        let (engine, clock) = (engine, clock)
        let monitor = FleetMonitor(
            config: config, connector: { _ in (engine, try await engine.listContainers()) }, bots: bots,
            collectors: .standard(for: config), now: { Self.epoch + clock.elapsed }, clock: clock)
        let running = Task { await monitor.run() }
        defer { running.cancel() }
        try await body(monitor)
    }

    func row(_ monitor: FleetMonitor, _ name: String) -> InstanceSnapshot? {
        monitor.snapshots.current.value.instances.first { $0.name == name }
    }

    /// The monitor has read the engine and waits on the clock, nothing else under way.
    func settled(_ monitor: FleetMonitor) async throws -> Bool {
        try await eventually(within: 20) { await monitor.state.engine == .live && !clock.sleepersDue.isEmpty }
    }

    @Test func aBotThatDiesIsShownFromItsEventWithOneInspectAndNoList() async throws {
        engine.put("a", .init(name: "bot_a", state: "running"))
        try await watching { (monitor: FleetMonitor) async throws in
            #expect(try await settled(monitor))
            #expect(row(monitor, "bot_a")?.state == .running)
            let before = engine.calls
            engine.put("a", .init(name: "bot_a", state: "exited", exitCode: 1))
            #expect(try await eventually(within: 20) { row(monitor, "bot_a")?.reason == "exited with code 1" })
            #expect(row(monitor, "bot_a")?.state == .error)
            #expect(try await eventually(within: 20) { engine.calls.inspects == before.inspects + 1 })
            #expect(engine.calls.lists == before.lists, "the event needed no list")
        }
    }

    @Test func aCrashLoopIsSeenFromItsEventsAndSettlesOnceTheBotStaysUp() async throws {
        engine.put("a", .init(name: "bot_a", state: "running", startedAt: "2026-11-26T02:00:00Z"))
        try await watching { (monitor: FleetMonitor) async throws in
            #expect(try await settled(monitor))
            #expect(row(monitor, "bot_a")?.state == .running)
            for restarts in 1...3 {
                engine.put("a", .init(name: "bot_a", state: "exited", exitCode: 1, restartCount: restarts - 1))
                engine.put(
                    "a",
                    .init(
                        name: "bot_a", state: "running", restartCount: restarts,
                        startedAt: "2026-11-26T02:26:3\(restarts)Z"))
            }
            #expect(
                try await eventually(within: 20) {
                    row(monitor, "bot_a")?.reason == "restarting in a loop (3 restarts)"
                })
            #expect(row(monitor, "bot_a")?.state == .error)
            clock.advance(by: .seconds(60))
            #expect(
                try await eventually(within: 20) { row(monitor, "bot_a")?.state == .running },
                "up for a minute: settled")
        }
    }

    @Test func anOOMKilledBotSaysSoFromItsEvents() async throws {
        engine.put("a", .init(name: "bot_a", state: "running"))
        try await watching { (monitor: FleetMonitor) async throws in
            #expect(try await settled(monitor))
            engine.put("a", .init(name: "bot_a", state: "exited", exitCode: 137, oomKilled: true))
            #expect(try await eventually(within: 20) { row(monitor, "bot_a")?.reason == "OOM-killed" })
            #expect(row(monitor, "bot_a")?.state == .error)
        }
    }

    @Test func aBotWhoseHeartbeatsStopTurnsUnresponsiveAsTimePasses() async throws {
        engine.put("a", .init(name: "bot_a", state: "running", startedAt: "2026-11-26T02:00:00Z"))
        bots.hearHeartbeat(from: "bot_a", at: Self.epoch)
        try await watching { (monitor: FleetMonitor) async throws in
            #expect(try await settled(monitor))
            #expect(row(monitor, "bot_a")?.health == .online)
            clock.advance(by: .seconds(20))
            bots.hearHeartbeat(from: "bot_a", at: Self.epoch + 20)
            clock.advance(by: .seconds(20))
            #expect(try await eventually(within: 20) { await monitor.now() == Self.epoch + 40 })
            #expect(row(monitor, "bot_a")?.health == .online, "heard 20 s ago")
            clock.advance(by: .seconds(31))
            #expect(
                try await eventually(within: 20) { row(monitor, "bot_a")?.health == .unresponsive },
                "silent for 51 s, past the 30 s rule")
        }
    }
}
