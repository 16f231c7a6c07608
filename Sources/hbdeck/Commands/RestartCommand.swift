import ArgumentParser
import Docker
import Foundation
import HBModel
import Monitor
import Operations

struct RestartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Restart instances' containers, or every bot running longer than a given age, safely.",
        discussion: """
            With names: the containers are restarted by the engine. With --older-than AGE (such as 7d, for cron): \
            every running bot up longer than that (only those named, where names are given too), one at a time, \
            stopped safely first (the bot's MQTT stop, so it cancels its orders; a graceful stop for bots hbot \
            runs) and started again.
            """)

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var broker: BrokerOptions { fleet.broker }
    @Option(name: [.customShort("t"), .long], help: "Seconds to wait before killing.") var time = 10
    @Option(help: "Restart, safely and one at a time, every running bot up longer than this (such as 7d or 12h).")
    var olderThan: String?
    @Argument(help: "Instance names (HOST/NAME where several engines are in use); with --older-than, only these.")
    var names: [String] = []

    func validate() throws {
        guard olderThan != nil || !names.isEmpty else {
            throw ValidationError("give instance names or --older-than AGE")
        }
        if let olderThan, TimeSpec.parse(olderThan) == nil {
            throw ValidationError("--older-than: \(olderThan) is not an age such as 7d or 12h")
        }
    }

    func run() async throws {
        guard let olderThan, let since = TimeSpec.parse(olderThan) else {
            return try await audited("restart", names, fleet: fleet) {
                let onAPI = try await APIFleetAccess.handle(names, fleet: fleet) { bots in
                    try await APIFleetAccess.each(bots) { actions, bot in
                        try await actions.restart(bot.name) { StandardOutput.error($0) }
                    }
                }
                if onAPI { return }
                try await LifecycleAction.restart(timeout: time).apply(to: names, engine: engine)
            }
        }
        try await audited("restart --older-than", [olderThan] + names, fleet: fleet) {
            try await engine.withEngine(naming: names) { client in
                let bots = try await Fleet(client: client).bots()
                let missing = names.filter { name in !bots.contains { $0.name == name } }
                guard missing.isEmpty else {
                    throw CommandFailure("no such instance: \(missing.map(InstanceName.shown).joined(separator: ", "))")
                }
                var old: [String] = []
                for summary in bots where summary.state == "running" && (names.isEmpty || names.contains(summary.name))
                {
                    let details = try await client.inspectContainer(summary.id)
                    if let started = Timestamp.parse(details.state.startedAt, utc: true), started < since {
                        old.append(summary.name)
                    }
                }
                guard !old.isEmpty else {
                    return StandardOutput.line("no running bot is older than \(olderThan): nothing restarted")
                }
                let link = await broker.connectIfReachable()
                var failures = 0
                for name in old.sorted() {
                    do {
                        StandardOutput.line(
                            try await SafeRestart(name: name, bot: link, engine: client).run {
                                StandardOutput.error($0)
                            })
                    } catch {
                        failures += 1
                        StandardOutput.error("hbdeck: \(name): \(describe(error))")
                    }
                }
                await link?.close()
                if failures > 0 { throw ExitCode.failure }
            }
        }
    }
}
