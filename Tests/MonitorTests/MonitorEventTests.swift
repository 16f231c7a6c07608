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
            #expect(
                try await clock.advance(
                    by: .seconds(1), until: { row(monitor, "bot_a")?.state == .running }, atMost: .seconds(60)),
                "up for a while: settled")
            #expect(clock.elapsed >= 3, "not before the last run has been up for 10 s")
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
            // Heard again 20 s on; then silent: online until 30 s after that heartbeat, unresponsive after.
            #expect(try await clock.advance(by: .seconds(1), until: { clock.elapsed >= 20 }, atMost: .seconds(20)))
            bots.hearHeartbeat(from: "bot_a", at: Self.epoch + clock.elapsed)
            let heard = clock.elapsed
            #expect(
                try await clock.advance(
                    by: .seconds(1), until: { row(monitor, "bot_a")?.health == .unresponsive }, atMost: .seconds(60)),
                "silent past the 30 s rule")
            #expect(clock.elapsed - heard > 30, "not before 30 s of silence")
        }
    }
}
