import Docker
import Foundation
import HBModel
import HBTestSupport
import Testing

@testable import Monitor

/// The monitor against the private engine, where what it needs is not on this machine's disk.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct MonitorEngineTests {
    /// A bot whose logs folder is not mounted from this machine: its `errors.log` is read through the engine.
    @Test func whyABotEndedIsReadThroughTheEngineWhenItsLogsAreNotHere() async throws {
        let client = try await TestEngine.client()
        let script =
            "mkdir -p /home/hummingbot/logs && echo 'Invalid password.' >> /home/hummingbot/logs/errors.log && exit 0"
        try await TestEngine.withContainer(
            client, "noerrlog", TestEngine.spec(["bash", "-c", script], image: TestEngine.botImage)
        ) { id in
            _ = try await client.waitContainer(id, timeout: 30)
            let name = try await client.inspectContainer(id).name
            let monitor = FleetMonitor(
                config: MonitorConfig(
                    endpoint: try DockerEndpoint(parsing: TestEngine.host!), mqtt: nil, refreshInterval: 1))
            let running = Task { await monitor.run() }
            defer { running.cancel() }
            let found = try await eventually(within: 30) {
                monitor.snapshots.current.value.instances.contains {
                    $0.name == name && $0.reason?.contains("Invalid password.") == true
                }
            }
            let shown = monitor.snapshots.current.value.instances.first { $0.name == name }
            #expect(found, "reason: \(shown?.reason ?? "none")")
            #expect(shown?.state == .stopped)
        }
        await client.close()
    }

    @Test func theTailOfAFileInAContainerIsReadThroughTheArchive() async throws {
        let client = try await TestEngine.client()
        let script = "seq 1 200000 > /tmp/big.txt; echo done; sleep 600"
        try await TestEngine.withContainer(client, "archive", TestEngine.spec(["sh", "-c", script])) { id in
            var bytes: [UInt8]?
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                bytes = try await client.tailOfFile(id, path: "/tmp/big.txt", maxBytes: 20)
                if let text = bytes.map({ String(decoding: $0, as: UTF8.self) }), text.hasSuffix("200000\n") { break }
                try await Task.sleep(nanoseconds: 200_000_000)
            }
            #expect(
                bytes.map { String(decoding: $0, as: UTF8.self) }
                    == "199997\n199998\n199999\n200000\n".suffix(20).description)
            #expect(try await client.tailOfFile(id, path: "/tmp/none.txt") == nil)
        }
        await client.close()
    }

    /// Bots the client's `hbot` CLI runs, with no broker anywhere: their state comes from their own status file,
    /// a frozen one turns unresponsive, and a stop is one graceful `docker stop`.
    @Test func hbotBotsAreWatchedThroughTheirStatusFilesAndStoppedGracefully() async throws {
        let fleet = try TestFleet("hbot", startingBroker: false)
        defer { fleet.remove() }
        let name = try fleet.startHbotBot(TestEngine.uniqueName("hbot"))
        let monitor = FleetMonitor(
            config: MonitorConfig(
                endpoint: try DockerEndpoint(parsing: TestEngine.host!), mqtt: nil, refreshInterval: 1))
        let running = Task { await monitor.run() }
        defer { running.cancel() }
        func shown() -> InstanceSnapshot? { monitor.snapshots.current.value.instances.first { $0.name == name } }

        #expect(
            try await eventually(within: 40) { shown()?.health == .online },
            "health: \(String(describing: shown()?.health))")
        #expect(shown()?.engine == .hbot)
        #expect(shown()?.strategy == "\(name).yml")
        #expect(shown()?.formatStatus?.hasPrefix("Strategy \(name):") == true)

        // Frozen, with its container still running: the bot's process stopped from this machine (SIGSTOP).
        let pid = try #require(Int32(try TestEngine.docker(["inspect", "-f", "{{.State.Pid}}", name])))
        kill(pid, SIGSTOP)
        #expect(
            try await eventually(within: 60) { shown()?.health == .unresponsive },
            "a frozen bot's file stops: \(String(describing: shown()?.statusFileAge))")
        #expect(shown()?.state == .running)
        kill(pid, SIGCONT)
        #expect(try await eventually(within: 40) { shown()?.health == .online })

        let result = await monitor.stop(name, skipBotStop: false) { _ in }
        #expect(
            result.hasPrefix("stopped \(name): graceful stop, the bot cancelled its orders and exited 0 in"),
            "\(result)")
        let log = try String(contentsOf: fleet.logFile(name), encoding: .utf8)
        #expect(log.contains("Hummingbot stopped."))
        #expect(try await eventually(within: 20) { shown()?.state == .stopped && shown()?.health == nil })
    }
}
