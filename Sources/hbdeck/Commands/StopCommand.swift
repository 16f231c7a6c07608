import ArgumentParser
import BotLink
import Deploy
import Docker
import Monitor
import Operations

struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop bots safely: the bot's MQTT stop first (it cancels its orders), then the container.",
        discussion: """
            As the console's x: a running bot is asked to stop over MQTT and its own output must say it wound down \
            before its container is ended; a bot the client's hbot runs gets one graceful SIGTERM. A bot that is \
            not online, or with --skip-bot-stop, gets the container stop: its open orders stay on the exchange.
            """)

    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var engine: EngineOptions { fleet.engine }
    var broker: BrokerOptions { fleet.broker }
    @Option(
        name: [.customShort("t"), .long],
        help:
            "Seconds the container gets before it is killed when the bot has not wound down by itself (default 30; 60 for hbot bots)."
    )
    var time: Int?
    @Flag(help: "Do not ask the bot to stop over MQTT (its open orders stay on the exchange).") var skipBotStop = false
    @Argument(help: "Instance names (HOST/NAME where several engines are in use).") var names: [String]

    func run() async throws {
        try await audited("stop", names, fleet: fleet) {
            try await engine.withEngines(naming: names) { engines in
                let instances = try await engines.locate(names)
                var links = HostLinks(
                    broker: broker, settings: fleet.location.settings, first: try engine.targets().first?.name)
                var failures = 0
                for instance in instances {
                    let host = instance.engine.name
                    let link =
                        !skipBotStop && instance.summary.state == "running" ? try await links.link(for: host) : nil
                    do {
                        let stopped = try await SafeStop.run(
                            name: instance.summary.name, bot: link, skipped: skipBotStop,
                            engine: instance.engine.client, grace: time
                        ) { StandardOutput.error(instance.shown == instance.summary.name ? $0 : "\(host): \($0)") }
                        StandardOutput.line(
                            "\(instance.shown): \(stopped.procedure == .notRunning ? stopped.summary : "stopped · \(stopped.summary)")"
                        )
                    } catch {
                        failures += 1
                        StandardOutput.error("hbdeck: \(instance.shown): \(describe(error))")
                    }
                }
                await links.close()
                if failures > 0 { throw ExitCode.failure }
            }
        }
    }
}
