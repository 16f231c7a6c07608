import ArgumentParser
import Deploy
import Docker
import Foundation
import HBModel

/// `hbdeck config NAME [KEY [VALUE]]`: a running bot's strategy config through the client's own `hbot config`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or change a running hbot bot's strategy config through the client's own `hbot config`.",
        discussion: """
            For bots the client's `hbot` runs. Without KEY: the fields, their values and which ones a running \
            controller takes up live. With KEY VALUE: the client checks the value against its own config class \
            and says when it applies (live in about 10 s, or at the next start); the change is kept as a version \
            when the bots folder is configured. Each call starts the client's Python in the container (a few seconds).
            """)
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "The instance.") var name: String
    @Argument(help: "A field of its strategy config.") var key: String?
    @Argument(help: "Its new value.") var value: String?

    func run() async throws {
        // Only a change is an action; reading the config is not.
        if value != nil {
            try await audited("config", [name, key ?? ""], fleet: fleet) { try await show() }
        } else {
            try await show()
        }
    }

    private func show() async throws {
        try await reportingFailures {
            try Fleet.validate([name])
            let folder = try? location.resolve().0
            try await engine.withEngine(naming: [name]) { client in
                let hbot = try await HbotCommandSupport.cli(for: name, client: client)
                let listing = try await hbot.configListing()
                guard let key else {
                    var table = TextTable("FIELD", "VALUE", "LIVE")
                    for (field, shown) in listing.fields.sorted(by: { $0.key < $1.key }) {
                        table.add([
                            field, shown ?? "(list or block)",
                            listing.liveFields.contains(field) ? "live" : "at next start",
                        ])
                    }
                    StandardOutput.line(
                        "\(listing.file) (\(listing.type), \(listing.state))\n" + table.render(), sanitized: true)
                    return
                }
                guard let value else {
                    guard let shown = listing.fields[key] else {
                        throw CommandFailure("\(key) is not a field of \(listing.file)")
                    }
                    StandardOutput.line("\(key): \(shown ?? "(list or block)")", sanitized: true)
                    return
                }
                let file = folder.flatMap {
                    HbotConfigFile(folder: $0, instance: name, file: listing.file, type: listing.type)
                }
                let before = file?.read()
                let answer = try await hbot.set(key, to: value)
                try? file?.keepVersions(before: before, message: "hbot config \(key) \(answer.value)")
                StandardOutput.line(
                    "\(listing.file): \(key) = \(answer.value)\(answer.applies.map { " · applies \($0)" } ?? "")",
                    sanitized: true)
            }
        }
    }
}

/// `hbdeck doctor NAME`: the client's own health check, in the bot's container.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Run the client's `hbot doctor` in a running hbot bot and show its rows as they are.",
        discussion: "Exit status 1 when the client finds a failed check.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    @Argument(help: "The instance.") var name: String

    func run() async throws {
        try await reportingFailures {
            try Fleet.validate([name])
            var healthy = true
            try await engine.withEngine(naming: [name]) { client in
                let report = try await HbotCommandSupport.cli(for: name, client: client).doctor()
                var table = TextTable("CHECK", "STATUS", "DETAIL")
                for check in report.checks { table.add([check.name, check.status, check.detail]) }
                StandardOutput.line(table.render(), sanitized: true)
                healthy = report.healthy
            }
            if !healthy { throw CommandFailure("\(name): hbot doctor found a failed check") }
        }
    }
}

/// `hbdeck new-config STRATEGY --image IMG`: a config scaffolded by the client's own `hbot create --with-defaults`.
struct NewConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-config",
        abstract: "Make a strategy config with the client's own fields and defaults (hbot create --with-defaults).",
        discussion: """
            Runs `hbot create STRATEGY --with-defaults` in a throwaway container of IMAGE with no network, on the \
            bots folder's conf/controllers, conf/scripts and conf/strategies. The required fields it leaves blank \
            are listed: fill them with hbdeck set. The file is kept as a version.
            """)
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }
    @Argument(help: "A strategy, controller (such as pmm_simple) or V2 script the image has.") var strategy: String
    @Option(help: "A bot image with the client's hbot.") var image = "hummingbot/hummingbot:latest"
    @Option(help: "The config's file name (default: the client's conf_<strategy>.yml).") var name: String?
    @Option(name: .customLong("set"), help: "A field's value, KEY=VALUE (repeatable).") var values: [String] = []

    func run() async throws {
        try await audited("new-config", [strategy], fleet: fleet) {
            try await reportingFailures {
                let (folder, _) = try location.resolve()
                try await engine.withEngine { client in
                    guard try await client.hasImage(image) else {
                        throw CommandFailure("\(image) is not on the engine: pull it or create a bot with it first")
                    }
                    guard try await EngineSupport(client: client, folder: folder).hasHbot(image) else {
                        throw CommandFailure("\(image) has no hbot (the client's own CLI): it cannot scaffold configs")
                    }
                    let created = try await ConfigScaffold(client: client, folder: folder).create(
                        strategy, image: image, name: name, values: values)
                    var said = "created \(created.path) (\(created.type))"
                    if !created.requiredRemaining.isEmpty {
                        said +=
                            "\nstill needed: \(created.requiredRemaining.joined(separator: ", ")) · hbdeck set \(created.path) \(created.requiredRemaining[0])=VALUE"
                    }
                    StandardOutput.line(said, sanitized: true)
                }
            }
        }
    }
}

enum HbotCommandSupport {
    /// The client's CLI in a running bot that `hbot` runs; anything else is refused with the reason.
    static func cli(for name: String, client: DockerClient) async throws -> HbotCLI {
        let details = try await client.inspectContainer(name)
        guard BotEngine.of(command: details.config.cmd) == .hbot else {
            throw CommandFailure(
                "\(name) is not a bot run by hbot (the client's CLI): change a quickstart bot's files with hbdeck set or hbdeck edit"
            )
        }
        guard details.state.running else {
            throw CommandFailure("\(name) is not running: hbot answers only in a running bot")
        }
        return HbotCLI(client: client, container: name)
    }
}
