import Deploy
import Foundation
import HBModel
import Testing

struct InstanceFolderBuilderTests {
    func request(_ name: String = "bot_1", script: String = "pmm.yml") throws -> DeployRequest {
        DeployRequest(
            name: try InstanceName(validating: name), image: "hbdeck-test/hummingbot:latest", profile: "master_account",
            strategy: .scriptConfig(script), broker: .init(host: "127.0.0.1", port: 21883, namespace: "hbot"))
    }

    @Test func anInstanceIsPreparedAsHummingbotsAPIPreparesIt() throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        let builder = InstanceFolderBuilder(folder: fixture.folder)
        let staged = try builder.stage(try request())
        #expect(staged.lastPathComponent.hasPrefix("."), "hidden until the container exists")
        #expect(fixture.folder.instanceNames().isEmpty)
        try builder.commit(staged, as: "bot_1")
        #expect(fixture.folder.instanceNames() == ["bot_1"])

        let conf = try fixture.read("instances/bot_1/conf/conf_client.yml")
        #expect(
            conf == """
                # client settings
                instance_id: bot_1
                mqtt_bridge:
                  mqtt_host: 127.0.0.1
                  mqtt_port: 21883
                  mqtt_namespace: hbot
                  mqtt_autostart: true

                """)
        #expect(try fixture.read("instances/bot_1/conf/.password_verification") == "7b2263727970746f223a7b7d7d")
        #expect(try fixture.read("instances/bot_1/conf/connectors/binance.yml") == "binance_api_key: 7b22\n")
        #expect(try fixture.read("instances/bot_1/conf/scripts/pmm.yml") == (try fixture.read("conf/scripts/pmm.yml")))
        #expect(
            try fixture.read("instances/bot_1/conf/controllers/grid_1.yml")
                == "id: grid_1\ncontroller_name: grid_strike\n")
        #expect(
            !FileManager.default.fileExists(
                atPath: fixture.root.appendingPathComponent("instances/bot_1/conf/controllers/unused.yml").path))
        for folder in ["data", "logs"] {
            #expect(
                FileManager.default.fileExists(
                    atPath: fixture.root.appendingPathComponent("instances/bot_1/\(folder)").path))
        }
    }

    @Test(arguments: [
        ("broken.yml", "conf/scripts/broken.yml is not valid YAML"),
        ("missing_controller.yml", "conf/controllers/nowhere.yml does not exist"),
        ("escape.yml", "is not a file name"),
        ("nothing.yml", "conf/scripts/nothing.yml does not exist"),
        ("../credentials/master_account/conf_client.yml", "is not the name of a .yml file"),
    ])
    func aStrategyThatCannotBeUsedIsRefusedAndNothingIsWritten(script: String, reason: String) throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        let before = fixture.listing()
        let problem = #expect(throws: DeployProblem.self) {
            try InstanceFolderBuilder(folder: fixture.folder).stage(try request(script: script))
        }
        #expect(problem?.field == .strategy)
        #expect(problem?.message.contains(reason) == true, "\(problem?.message ?? "")")
        #expect(fixture.listing() == before)
    }

    @Test func aNameTakenMeanwhileIsNotOverwritten() throws {
        let fixture = try BotsFolderFixture()
        defer { fixture.remove() }
        let builder = InstanceFolderBuilder(folder: fixture.folder)
        let staged = try builder.stage(try request())
        try fixture.write("instances/bot_1/conf/keep.txt", "someone else's")
        #expect(throws: DeployProblem.self) { try builder.commit(staged, as: "bot_1") }
        #expect(try fixture.read("instances/bot_1/conf/keep.txt") == "someone else's")
    }
}
