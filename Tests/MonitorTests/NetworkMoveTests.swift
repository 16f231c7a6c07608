import Deploy
import Foundation
import HBTestSupport
import Testing

@testable import Monitor
@testable import Operations

/// Moving a bot between host networking and its own network, on a fake engine and a bots folder in /tmp:
/// stopped safely first, its broker address changed, its container made again, started again.
@Suite struct NetworkMoveTests {
    let folder = BotsFolder(NSTemporaryDirectory() + "hbdeck-move-\(UInt32.random(in: 0...UInt32.max))")
    let conf = "instances/bot_a/conf/conf_client.yml"

    init() throws {
        let url = folder.root.appendingPathComponent(conf)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "instance_id: bot_a\nmqtt_bridge:\n  mqtt_host: 127.0.0.1\n  mqtt_port: 31999\n  mqtt_namespace: hbot\n"
            .write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func aRunningBotMovesToItsOwnNetworkAndBack() async throws {
        defer { try? FileManager.default.removeItem(at: folder.root) }
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "running"))
        let there = try await run(move: .isolated, engine)
        #expect(
            engine.done == [
                "stop bot_a (\(StopProcedure.graceAfterWindDown))", "isolate bot_a", "recreate bot_a on hbdeck-bot_a",
            ])
        #expect(
            there.hasPrefix("moved bot_a to isolated networking: bot stopped (200), wound down in 0.0 s"), "\(there)")
        #expect(
            there.hasSuffix(
                "conf_client.yml: mqtt_host hummingbot-broker, mqtt_port 1883 · container made again on its own network hbdeck-bot_a · started again"
            ))
        let text = try String(contentsOf: folder.root.appendingPathComponent(conf), encoding: .utf8)
        #expect(text.contains("  mqtt_host: hummingbot-broker\n  mqtt_port: 1883\n"), "\(text)")

        engine.put("a", .init(name: "bot_a", state: "exited", networkMode: "hbdeck-bot_a"))
        let back = try await run(move: .host, engine)
        #expect(Array(engine.done.suffix(2)) == ["recreate bot_a on host", "remove network hbdeck-bot_a"])
        #expect(
            back
                == "moved bot_a to host networking: conf_client.yml: mqtt_host 127.0.0.1, mqtt_port 31999 · container made again on host networking · network hbdeck-bot_a removed"
        )
        #expect(try await run(move: .host, engine) == "bot_a is already on host networking: nothing done")
    }

    func run(move target: NetworkMove.Target, _ engine: FakeEngine) async throws -> String {
        let move = NetworkMove(
            name: "bot_a", to: target, broker: .init(container: "hummingbot-broker", host: "127.0.0.1", port: 31999),
            bot: StopProcedureTests.FakeBot(behaviour: .windsDown(after: 1)), engine: engine, folder: folder, now: { 0 }
        )
        let running = Task { try await move.run { _ in } }
        // The fake engine holds every start until released.
        let releasing = Task {
            while !Task.isCancelled {
                engine.release()
                try? await Task.sleep(nanoseconds: 10_000_000)
            }
        }
        defer { releasing.cancel() }
        return try await running.value
    }
}
