import Docker
import HBModel
import HBTestSupport
import Synchronization
import Testing

@testable import Monitor

/// The monitor waits on the clock it is given: on a manual one, a backoff or a nap ends only when the test
/// moves it, so retries are checked step by step without real time passing.
struct MonitorClockTests {
    @Test func anEngineThatIsDownIsAskedLessAndLessOftenThenComesBack() async throws {
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "running"))
        engine.setReachable(false)
        let clock = ManualClock()
        let attempts = Mutex(0)
        let config = MonitorConfig(
            endpoint: try DockerEndpoint(parsing: "tcp://127.0.0.1:1"), mqtt: nil, refreshInterval: 2)
        let monitor = FleetMonitor(
            config: config,
            connector: { _ in
                attempts.withLock { $0 += 1 }
                return (engine, try await engine.listContainers())
            }, now: { 1_795_660_000 + clock.elapsed }, clock: clock)
        let running = Task { await monitor.run() }
        defer { running.cancel() }

        // Each failed attempt waits twice as long as the one before, up to 30 s; nothing happens in between.
        for (tries, wait) in [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 30), (7, 30)] {
            #expect(
                try await eventually(within: 20) { clock.sleepersDue == [.seconds(wait)] },
                "waiting \(wait) s after try \(tries)")
            #expect(attempts.withLock { $0 } == tries)
            if case .offline = monitor.snapshots.current.value.engine {
            } else {
                Issue.record("not offline after try \(tries)")
            }
            // The engine is back before the last wait ends: the next try finds it.
            if tries == 7 { engine.setReachable(true) }
            clock.advance(by: .seconds(wait))
        }
        #expect(try await eventually(within: 20) { monitor.snapshots.current.value.engine == .live })
        #expect(monitor.snapshots.current.value.instances.map(\.name) == ["bot_a"])
        #expect(attempts.withLock { $0 } == 8)
    }
}
