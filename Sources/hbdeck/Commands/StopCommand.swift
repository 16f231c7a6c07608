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

            With --exchange, --on-host, --strategy or --all instead of names, every running bot chosen so is \
            stopped in one action: one confirmation names them and the open orders at stake by exchange, then \
            stop_concurrency of them (8) are stopped at once, each the same safe way, with one line a bot as it \
            ends (--json: a report on stdout). A stopped container is not started again by its restart policy.
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
    @Flag(
        help:
            "A bot of hummingbot-api: ask it to stop but leave its orders open (the API's skip_order_cancellation).")
    var keepOrders = false
    @Argument(help: "Instance names (HOST/NAME where several engines are in use).") var names: [String] = []
    @Option(
        help:
            "Stop every running bot trading on this exchange, as its configs or its orders name it (binance also takes binance_paper_trade and binance_perpetual)."
    )
    var exchange: String?
    @Option(help: "Stop every running bot on this host, as contexts name it (-H names the engine, not this).")
    var onHost: String?
    @Option(help: "Stop every running bot running this script or strategy config.") var strategy: String?
    @Flag(help: "Stop every running bot.") var all = false
    @Flag(name: .shortAndLong, help: "Do not ask before a fleet-wide stop (needed when stdin is not a terminal).")
    var yes = false
    @Flag(help: "A fleet-wide stop's report as JSON on stdout.") var json = false

    /// The set a fleet-wide stop takes, nil when bots are named.
    var selection: FleetSelection? {
        if let exchange { return .exchange(exchange) }
        if let onHost { return .host(onHost) }
        if let strategy { return .strategy(strategy) }
        return all ? .all : nil
    }

    func validate() throws {
        let chosen = [exchange != nil, onHost != nil, strategy != nil, all].filter { $0 }.count
        guard chosen <= 1 else { throw ValidationError("give one of --exchange, --on-host, --strategy or --all") }
        guard chosen == 1 || !names.isEmpty else {
            throw ValidationError("give the bots' names, or one of --exchange, --on-host, --strategy or --all")
        }
        guard chosen == 0 || names.isEmpty else {
            throw ValidationError("give the bots' names or a fleet-wide choice, not both")
        }
    }

    func run() async throws {
        if let selection { return try await stopFleet(selection) }
        try await audited("stop", names, fleet: fleet) {
            let onAPI = try await APIFleetAccess.handle(names, fleet: fleet) { bots in
                try await APIFleetAccess.each(bots) { actions, bot in
                    let stopped = try await actions.stop(bot.name, keepOrders: keepOrders) { StandardOutput.error($0) }
                    return
                        "\(bot.shown): \(stopped.procedure == .notRunning ? stopped.summary : "stopped · \(stopped.summary)")"
                }
            }
            if onAPI { return }
            try await engine.withEngines(naming: names) { engines in
                let instances = try await engines.locate(names)
                var links = HostLinks(
                    broker: broker, settings: fleet.location.settings, first: try engine.targets().first?.name)
                var failures = 0
                for instance in instances {
                    let host = instance.engine.name
                    let link =
                        !skipBotStop && instance.summary.state == "running" ? try await links.link(for: host) : nil
                    // Another hbdeck acting on the bot (a console's stop) refuses this one, as a second action here.
                    let held: InstanceLock?
                    switch InstanceLock.acquire(
                        instance.summary.name, engine: instance.engine.client.endpoint.description,
                        in: InstanceLock.folder(
                            botsFolder: host == links.first ? fleet.location.settings.botsFolder : nil))
                    {
                    case .success(let lock): held = lock
                    case .failure(let busy):
                        StandardOutput.error("hbdeck: \(instance.shown): \(busy.description)")
                        failures += 1
                        continue
                    }
                    defer { held?.release() }
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
