import ArgumentParser
import BotLink
import Deploy
import Docker
import Foundation
import HBModel
import Monitor
import Operations

struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Delete instances: stop the bot, remove its container, archive its folder.",
        discussion: """
            A running bot is asked to stop over MQTT first (it cancels its open orders), then its container is \
            ended. Its folder moves to archived/NAME-<date>-<time> in the bots folder; --purge deletes it instead, \
            once its name is typed again (on the terminal, or one line per instance on stdin).
            """)

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var location: BotsFolderOptions { fleet.location }
    var broker: BrokerOptions { fleet.broker }
    @Flag(help: "Delete the instance's folder instead of archiving it.") var purge = false
    @Flag(help: "Leave the instance's folder where it is.") var keepFolder = false
    @Flag(help: "Do not ask the bot to stop over MQTT (its open orders stay on the exchange).") var skipBotStop = false
    @Argument(help: "Instance names.") var names: [String]

    func validate() throws {
        if purge && keepFolder { throw ValidationError("--purge and --keep-folder exclude each other") }
    }

    func run() async throws {
        try await audited("rm", names, fleet: fleet) {
            try await reportingFailures {
                let onAPI = try await APIFleetAccess.handle(names, fleet: fleet) { bots in
                    guard !purge, !keepFolder else {
                        throw CommandFailure(
                            "a bot of hummingbot-api is archived on the API's host: --purge and --keep-folder do not apply"
                        )
                    }
                    try await APIFleetAccess.each(bots) { actions, bot in
                        try await actions.archive(bot.name, keepOrders: skipBotStop) { StandardOutput.error($0) }
                    }
                }
                if onAPI { return }
                try Fleet.validate(names.map { QualifiedName($0).name })
                let (folder, _) = try location.resolveIfConfigured()
                let disposal: FolderDisposal = purge ? .purge : keepFolder ? .keep : .archive
                if purge {
                    for name in names
                    where try PasswordInput.line(prompt: "Type \(name) to delete its folder for good: ") != name {
                        throw CommandFailure("\(name) was not typed again: nothing was deleted")
                    }
                }
                if try engine.targets().count > 1 {
                    return try await removeOnSeveralEngines(folder: folder, disposal: disposal)
                }
                let bots = skipBotStop ? nil : await broker.connectIfReachable()
                var failures = 0
                try await engine.withEngine { client in
                    for name in names {
                        do {
                            let result = try await Decommission(
                                name: name, bot: bots, skipBotStop: skipBotStop, engine: client, folder: folder,
                                disposal: disposal,
                                broker: location.settings.brokerContainer
                            ).run { StandardOutput.error($0) }.text
                            StandardOutput.line(result)
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

    /// `HOST/NAME` on several engines: each bot is stopped through its own host's broker and removed by its
    /// own engine; only the first engine's bots have their folder in this machine's bots folder.
    private func removeOnSeveralEngines(folder: BotsFolder?, disposal: FolderDisposal) async throws {
        let first = try engine.targets().first?.name
        var links = HostLinks(broker: broker, settings: location.settings, first: first)
        var failures = 0
        try await engine.withEngines(naming: names) { engines in
            for instance in try await engines.locate(names) {
                let host = instance.engine.name
                do {
                    let result = try await Decommission(
                        name: instance.summary.name, bot: skipBotStop ? nil : try await links.link(for: host),
                        skipBotStop: skipBotStop, engine: instance.engine.client,
                        folder: host == first ? folder : nil, disposal: disposal
                    ).run { StandardOutput.error("\(host): \($0)") }.text
                    StandardOutput.line("\(host): \(result)")
                } catch {
                    failures += 1
                    StandardOutput.error("hbdeck: \(instance.shown): \(describe(error))")
                }
            }
        }
        await links.close()
        if failures > 0 { throw ExitCode.failure }
    }
}
