import ArgumentParser
import Monitor
import Operations

struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Apply changed strategy files to running bots, the least disruptive way that works.",
        discussion: """
            Changed controller configs only: nothing is done, the bot re-reads them every 10 s. A changed script or \
            script config: the bot's MQTT stop, then start with the script; when the bot refuses that start (the \
            current client always does, an upstream bug) the container is restarted instead. Bots run by hbot: a \
            graceful restart. The result says which happened.
            """)

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }
    var broker: BrokerOptions { fleet.broker }
    @Argument(help: "Instance names.") var names: [String]

    func run() async throws {
        try await audited("reload", names, fleet: fleet) {
            try await reportingFailures {
                try Fleet.validate(names)
                let (folder, _) = try location.resolve()
                let bots = await broker.connectIfReachable()
                var failures = 0
                try await engine.withEngine { client in
                    for name in names {
                        do {
                            StandardOutput.line(
                                try await Reload(name: name, bot: bots, engine: client, folder: folder).run {
                                    StandardOutput.error($0)
                                })
                        } catch {
                            failures += 1
                            StandardOutput.error("hbdeck: \(name): \(describe(error))")
                        }
                    }
                }
                await bots?.close()
                if failures > 0 { throw ExitCode.failure }
            }
        }
    }
}
