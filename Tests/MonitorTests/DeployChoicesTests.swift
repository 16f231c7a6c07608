import Deploy
import Foundation
import HBModel
import Testing

@testable import Operations

/// One rule makes the deploy request from the CLI's options and the create dialog alike.
struct DeployChoicesTests {
    let folder: BotsFolder
    let broker = DeployRequest.Broker(host: "hummingbot-broker", port: 1883, namespace: "hbot")

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("choices-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        folder = BotsFolder(root.path)
    }

    @Test func choicesGivenOverATemplateWinAndTheRestComeFromIt() throws {
        var template = DeployTemplate(
            image: "hummingbot/hummingbot:version-2.9.0", profile: "desk", strategy: .scriptConfig("pmm.yml"),
            network: "host", cpus: 1, memoryBytes: 1 << 30)
        template.restartRetries = 3
        try TemplateStore(folder: folder).save(template, as: "grid")
        var choices = DeployChoices(name: "bot_1")
        choices.template = "grid"
        choices.image = "hummingbot/hummingbot:latest"
        choices.engine = .hbot
        let request = try choices.request(in: folder, broker: broker)
        #expect(request.name.value == "bot_1")
        #expect(request.image == "hummingbot/hummingbot:latest")
        #expect(request.engine == .hbot)
        #expect(request.profile == "desk")
        #expect(request.strategy == .scriptConfig("pmm.yml"))
        #expect(request.network == "host")
        #expect(request.cpus == 1)
        #expect(request.memoryBytes == 1 << 30)
        #expect(request.restartRetries == 3)
        #expect(request.broker == broker)
    }

    @Test func withoutATemplateTheDefaultsAreAnIsolatedQuickstartBot() throws {
        var choices = DeployChoices(name: "bot_2")
        choices.strategy = .strategyConfig("v1.yml")
        let request = try choices.request(in: folder, broker: broker)
        #expect(request.network == BotNetwork.isolated)
        #expect(request.engine == .quickstart)
        #expect(request.image == "hummingbot/hummingbot:latest")
        #expect(request.profile == "master_account")
        #expect(request.strategy == .strategyConfig("v1.yml"))
    }

    @Test func aBadNameIsRefusedOnItsField() throws {
        #expect(throws: DeployProblem(.name, "\"/\" is not allowed: use letters, digits, _ and - only")) {
            try DeployChoices(name: "a/b").request(in: folder, broker: broker)
        }
        #expect(throws: DeployProblem.self) {
            var choices = DeployChoices(name: "bot_3")
            choices.template = "missing"
            return try choices.request(in: folder, broker: broker)
        }
    }
}
