import ArgumentParser
import Deploy
import Docker
import Foundation
import HBModel
import Operations
import Synchronization

struct CreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Deploy a new bot instance from the bots folder.",
        discussion: """
            Everything is checked before anything is written: the name, the profile, the strategy files, the \
            image (pulled when missing) and the profile's password, asked for on the terminal or read as one \
            line on stdin, and checked with the image's own code. The instance folder and the container are \
            made together: both or neither.
            """)

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "Instance name: letters, digits, _ and -.") var name: String
    @Option(help: "A template (hbdeck template save): its settings, which the other options override.") var template:
        String?
    @Option(help: "Bot image (default: hummingbot/hummingbot:latest).") var image: String?
    @Option(help: "Credentials profile in the bots folder (default: master_account).") var profile: String?
    @Option(help: "Script config in conf/scripts (V2 scripts and controllers).") var scriptConfig: String?
    @Option(help: "Strategy config in conf/strategies (V1 strategies).") var strategyConfig: String?
    @Option(help: "Controller config in conf/controllers, run on its own (--engine hbot only).") var controllerConfig:
        String?
    @Option(help: "CPU limit in cores, such as 0.5.") var cpus: Double?
    @Option(help: "Memory limit, such as 512m or 2g.") var memory: String?
    @Option(help: "Most processes and threads the container may run.") var pids: Int64?
    @Option(
        help:
            "Restarts the engine makes after the bot fails (on-failure:N); it is then left stopped and shown as Error.")
    var restartRetries: Int?
    @Option(
        help:
            "Docker network: isolated (the default: a network of its own that only the broker is also on, so no other bot can reach it), host (as Hummingbot's compose runs bots) or a network's name."
    )
    var network: String?
    @Option(
        name: .customLong("engine"),
        help:
            "How the container runs the bot: quickstart (the image's command, controlled over MQTT) or hbot (hbot start CONFIG --foreground: graceful stops, state in data/bot/; the image must have hbot)."
    )
    var botEngine: BotEngineOption?
    @Flag(help: "Start the bot once created.") var start = false
    @Flag(help: "Do not pull a missing image.") var noPull = false

    func validate() throws {
        let given = [scriptConfig, strategyConfig, controllerConfig].compactMap { $0 }.count
        guard given <= 1, template != nil || given == 1 else {
            throw ValidationError(
                "give one of --script-config FILE, --strategy-config FILE or --controller-config FILE (or --template NAME)"
            )
        }
        if let memory, MemorySize.bytes(memory) == nil {
            throw ValidationError("--memory: \(memory) is not a size such as 512m or 2g")
        }
        if let restartRetries, !(0...100).contains(restartRetries) {
            throw ValidationError("--restart-retries must be from 0 to 100")
        }
        if let pids, pids < 16 { throw ValidationError("--pids must be at least 16") }
    }

    func run() async throws {
        try await audited("create", [name], fleet: fleet) {
            try await reportingFailures {
                let (folder, settings) = try location.resolve()
                var choices = DeployChoices(name: name)
                choices.template = template
                choices.image = image
                choices.profile = profile
                choices.strategy =
                    scriptConfig.map { .scriptConfig($0) } ?? strategyConfig.map { .strategyConfig($0) }
                    ?? controllerConfig.map { .controllerConfig($0) }
                choices.network = network
                choices.cpus = cpus
                choices.memoryBytes = memory.flatMap(MemorySize.bytes)
                choices.restartRetries = restartRetries
                choices.pidsLimit = pids
                choices.engine = botEngine?.engine
                let request = try choices.request(in: folder, broker: settings.deployBroker)
                let profile = request.profile
                try await engine.withEngine { client in
                    let create = CreateBot(client: client, folder: folder)
                    // Refused before the password is asked for: nothing to type when the rest cannot work.
                    try await create.check(request)
                    let password = Secret(try PasswordInput.read(prompt: "Password of profile \(profile): "))
                    let shown = Mutex<String?>(nil)
                    let outcome = try await create.run(request, password: password, start: start, pull: !noPull) {
                        step in
                        // A pull sends thousands of lines: one is printed per layer done and per tenth of the bytes.
                        let line = step.said(coarse: true)
                        guard
                            shown.withLock({ last in
                                defer { last = line }
                                return last != line
                            })
                        else { return }
                        StandardOutput.error(step.said())
                    }
                    StandardOutput.line("\(outcome.said) in \(outcome.folder.path)")
                }
            }
        }
    }
}

/// `--engine quickstart|hbot`.
enum BotEngineOption: String, ExpressibleByArgument, CaseIterable {
    case quickstart, hbot

    var engine: BotEngine { self == .hbot ? .hbot : .quickstart }
}
