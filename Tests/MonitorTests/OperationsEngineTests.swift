import BotLink
import Deploy
import Docker
import Foundation
import HBModel
import HBTestSupport
import Testing

@testable import Operations

/// The operations in process against the private engine, a real broker and a test bot that behaves as the
/// client does from the outside (it answers the MQTT stop, winds down, then logs `Hummingbot stopped.`).
struct OperationsEngineTests {
    @Test func aBotIsStoppedMQTTFirstThenDeletedAndItsFolderArchived() async throws {
        let client = try await TestEngine.client()
        let fleet = try TestFleet("ops")
        defer { fleet.remove() }
        let name = try fleet.startBot(TestEngine.uniqueName("ops"))
        let link = BotConnection(
            settings: MQTTSettings(host: "127.0.0.1", port: fleet.port), namespace: fleet.namespace)
        try await link.start()
        #expect(await link.waitUntilConnected(seconds: 30))
        #expect(
            try await eventually(within: 60) {
                await link.records(runsStartedAt: [:])[name]?.liveness.lastHeartbeat != nil
            }, "the bot is heard")

        let stopped = try await SafeStop.run(name: name, bot: link, skipped: false, engine: client) { _ in }
        #expect(stopped.procedure == .mqttFirst)
        #expect(stopped.accepted)
        #expect(stopped.woundDown, "\(stopped.text)")
        #expect(try fleet.docker(["inspect", "-f", "{{.State.Running}}", name]) == "false")
        #expect(try String(contentsOf: fleet.logFile(name), encoding: .utf8).contains("Hummingbot stopped."))

        let again = try await SafeStop.run(name: name, bot: link, skipped: false, engine: client) { _ in }
        #expect(again.procedure == .notRunning, "a stopped bot is left alone: \(again.text)")

        let folder = BotsFolder(fleet.root.path)
        let deleted = try await Decommission(
            name: name, bot: link, engine: client, folder: folder, disposal: .archive, broker: fleet.brokerName
        ).run { _ in }
        #expect(deleted.stop == nil)
        #expect(deleted.containerRemoved)
        #expect(deleted.folder?.hasPrefix("instances/\(name) moved to archived/\(name)-") == true, "\(deleted.text)")
        #expect(!FileManager.default.fileExists(atPath: folder.instance(name).path))
        let archived = try FileManager.default.contentsOfDirectory(atPath: folder.archived.path)
        #expect(archived.contains { $0.hasPrefix("\(name)-") }, "\(archived)")
        #expect(try fleet.docker(["ps", "-aq", "--filter", "name=^\(name)$"]).isEmpty, "the container is gone")
        await link.close()
        await client.close()
    }
}
