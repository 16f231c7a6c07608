import ArgumentParser
import Deploy
import Foundation
import HBModel

struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy", abstract: "Deploy an instance folder that has no container (Undeployed) as it is.",
        discussion: "Its own conf/ is used (no profile is copied); the password is checked against it, as create does.")

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "The instance: a folder of instances/ with no container.") var name: String
    @Option(help: "Bot image.") var image = "hummingbot/hummingbot:latest"
    @Option(help: "Its script config in conf/scripts (default: the only one there).") var scriptConfig: String?
    @Option(name: .customLong("engine"), help: "quickstart or hbot, as for create.") var botEngine: BotEngineOption?
    @Flag(help: "Start the bot once deployed.") var start = false

    func run() async throws {
        try await audited("deploy", [name], fleet: fleet) {
            try await reportingFailures {
                let (folder, _) = try location.resolve()
                let instance: InstanceName
                do { instance = try InstanceName(validating: name) } catch let problem as InstanceName.Problem {
                    throw DeployProblem(.name, problem.description)
                }
                let scripts =
                    (try? FileManager.default.contentsOfDirectory(
                        atPath: folder.instance(name).appendingPathComponent("conf/scripts").path))?
                    .filter { $0.hasSuffix(".yml") }.sorted() ?? []
                guard let script = scriptConfig ?? (scripts.count == 1 ? scripts[0] : nil) else {
                    throw CommandFailure(
                        "give --script-config: instances/\(name)/conf/scripts holds \(scripts.isEmpty ? "none" : scripts.joined(separator: ", "))"
                    )
                }
                var request = DeployRequest(name: instance, image: image, profile: "", strategy: .scriptConfig(script))
                request.engine = botEngine?.engine ?? .quickstart
                try await engine.withEngine { client in
                    let password = Secret(try PasswordInput.read(prompt: "Password of instances/\(name): "))
                    let id = try await Deployer(client: client, folder: folder).redeploy(
                        request, password: password, start: start
                    ) { step in
                        StandardOutput.error(step.said())
                    }
                    StandardOutput.line(
                        "\(start ? "started" : "created") \(name) (\(id.prefix(12))) from \(folder.instance(name).path)"
                    )
                }
            }
        }
    }
}
