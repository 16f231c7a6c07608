import Docker
import Foundation
import HBModel
import HBTestSupport
@testable import Monitor
import Testing

/// The monitor against the private engine, where what it needs is not on this machine's disk.
@Suite(.enabled(if: TestEngine.isConfigured, "needs the private test engine (make test)"), .serialized)
struct MonitorEngineTests {
    /// A bot whose logs folder is not mounted from this machine: its `errors.log` is read through the engine.
    @Test func whyABotEndedIsReadThroughTheEngineWhenItsLogsAreNotHere() async throws {
        let client = try await TestEngine.client()
        let script = "mkdir -p /home/hummingbot/logs && echo 'Invalid password.' >> /home/hummingbot/logs/errors.log && exit 0"
        try await TestEngine.withContainer(client, "noerrlog", TestEngine.spec(["bash", "-c", script], image: TestEngine.botImage)) { id in
            _ = try await client.waitContainer(id, timeout: 30)
            let name = try await client.inspectContainer(id).name
            let monitor = FleetMonitor(config: MonitorConfig(endpoint: try DockerEndpoint(parsing: TestEngine.host!), mqtt: nil, refreshInterval: 1))
            let running = Task { await monitor.run() }
            defer { running.cancel() }
            let found = try await eventually(within: 30) {
                monitor.snapshots.current.value.instances.contains { $0.name == name && $0.reason?.contains("Invalid password.") == true }
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
            #expect(bytes.map { String(decoding: $0, as: UTF8.self) } == "199997\n199998\n199999\n200000\n".suffix(20).description)
            #expect(try await client.tailOfFile(id, path: "/tmp/none.txt") == nil)
        }
        await client.close()
    }
}
