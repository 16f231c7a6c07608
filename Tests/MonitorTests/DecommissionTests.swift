import Deploy
import Docker
import Foundation
import HBTestSupport
import Synchronization
import Testing

@testable import Monitor
@testable import Operations

/// Deleting an instance with a fake engine, a fake bot and a bots folder in /tmp: the order of the steps,
/// what becomes of the folder, and that nothing after a failed step is done.
@Suite struct DecommissionTests {
    struct Folder {
        let folder: BotsFolder
        init() throws {
            folder = BotsFolder(NSTemporaryDirectory() + "hbdeck-decommission-\(UInt32.random(in: 0...UInt32.max))")
            let conf = folder.instance("bot_a").appendingPathComponent("conf")
            try FileManager.default.createDirectory(at: conf, withIntermediateDirectories: true)
            try "instance_id: bot_a\n".write(
                to: conf.appendingPathComponent("conf_client.yml"), atomically: true, encoding: .utf8)
        }
        func archived() -> [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: folder.archived.path)) ?? []
        }
        var instanceExists: Bool { FileManager.default.fileExists(atPath: folder.instance("bot_a").path) }
        func remove() { try? FileManager.default.removeItem(at: folder.root) }
    }

    func decommission(
        _ engine: FakeEngine, _ folder: BotsFolder?, _ disposal: FolderDisposal = .archive,
        bot: StopProcedureTests.FakeBot? = StopProcedureTests.FakeBot(behaviour: .windsDown(after: 1))
    ) async throws -> String {
        try await Decommission(name: "bot_a", bot: bot, engine: engine, folder: folder, disposal: disposal, now: { 0 })
            .run { _ in }.text
    }

    @Test func aRunningBotIsStoppedThenRemovedThenItsFolderArchived() async throws {
        let fixture = try Folder()
        defer { fixture.remove() }
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "running"))
        let result = try await decommission(engine, fixture.folder)
        #expect(engine.done == ["stop bot_a (\(StopProcedure.graceAfterWindDown))", "remove bot_a"])
        #expect(!fixture.instanceExists)
        let archived = try #require(fixture.archived().first)
        #expect(archived.wholeMatch(of: /bot_a-\d{8}-\d{6}/) != nil)
        #expect(
            FileManager.default.fileExists(
                atPath: fixture.folder.archived.appendingPathComponent("\(archived)/conf/conf_client.yml").path))
        #expect(
            result.hasPrefix(
                "deleted bot_a: bot stopped (200), wound down in 0.0 s (seen in its container's output) · container stopped in"
            ))
        #expect(result.hasSuffix("container removed · instances/bot_a moved to archived/\(archived)"))
    }

    /// An isolated bot's own network goes with it (the broker detached first, by the engine's side).
    @Test func anIsolatedBotsNetworkIsRemovedWithIt() async throws {
        let fixture = try Folder()
        defer { fixture.remove() }
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "exited", networkMode: "hbdeck-bot_a"))
        engine.put("b", .init(name: "bot_b", state: "exited", networkMode: "hbdeck-bot_a"))
        let result = try await decommission(engine, fixture.folder)
        #expect(engine.done == ["remove bot_a", "remove network hbdeck-bot_a"])
        #expect(result.contains("container removed · network hbdeck-bot_a removed ·"), "\(result)")
    }

    @Test func anExitedContainerIsOnlyRemovedAndPurgeDeletesTheFolder() async throws {
        let fixture = try Folder()
        defer { fixture.remove() }
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "exited"))
        let result = try await decommission(engine, fixture.folder, .purge)
        #expect(engine.done == ["remove bot_a"])
        #expect(!fixture.instanceExists && fixture.archived().isEmpty)
        #expect(result == "deleted bot_a: container removed · instances/bot_a deleted")
    }

    @Test func anUndeployedFolderIsArchivedAndAnUnknownNameChangesNothing() async throws {
        let fixture = try Folder()
        defer { fixture.remove() }
        let engine = FakeEngine()
        #expect(
            try await decommission(engine, fixture.folder).hasPrefix(
                "deleted bot_a: instances/bot_a moved to archived/bot_a-"))
        #expect(engine.done.isEmpty)
        await #expect(throws: DockerError.self) { try await decommission(engine, fixture.folder) }
        #expect(fixture.archived().count == 1)
    }

    @Test func withoutABotsFolderTheContainerGoesAndThatIsSaid() async throws {
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "exited"))
        #expect(
            try await decommission(engine, nil)
                == "deleted bot_a: container removed · no bots folder configured: its folder stays")
    }

    @Test func aFailedStepEndsItAndTheFolderStays() async throws {
        let fixture = try Folder()
        defer { fixture.remove() }
        let engine = FakeEngine()
        engine.put("a", .init(name: "bot_a", state: "running"))
        engine.setReachable(false)
        await #expect(throws: DockerError.self) { try await decommission(engine, fixture.folder, bot: nil) }
        #expect(fixture.instanceExists && fixture.archived().isEmpty)
    }
}
