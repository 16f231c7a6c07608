import ArgumentParser
import BotLink
import Docker
import HBModel

struct BotCommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bot",
        abstract: "Send a bot one of Hummingbot's remote-control commands over MQTT and print its reply.",
        subcommands: [
            BotStatusCommand.self, BotHistoryCommand.self, BotStartCommand.self, BotStopCommand.self,
            BotConfigCommand.self, BotImportCommand.self, BotBalanceCommand.self,
        ]
    )
}

/// What every `bot` subcommand shares: broker options, the instance name and a reply timeout.
struct BotTarget: ParsableArguments {
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var broker: BrokerOptions { fleet.broker }
    @Option(help: "Seconds to wait for the reply (default: 10).") var replyTimeout: Double?
    @Argument(help: "Instance name (the bot's instance_id); HOST/NAME for a bot on another host's broker.") var name:
        String

    /// The bot's instance_id, without its host.
    var instance: String { QualifiedName(name).name }

    func validate() throws {
        do {
            _ = try InstanceName(validating: instance)
        } catch {
            throw ValidationError("invalid instance name \"\(InstanceName.shown(name))\": \(error)")
        }
    }

    /// Connects to the bot's broker: for `HOST/NAME`, that host's (as the console reaches it: the config's
    /// `context_brokers`, through ssh for an ssh context), else the one the broker options name.
    func withConnection(_ body: (BotConnection) async throws -> Void) async throws {
        guard let host = QualifiedName(name).host else { return try await broker.withConnection(body) }
        var reached: (BrokerOptions, SSHTunnel?)?
        try await reportingFailures { reached = try broker.reaching(host: host, settings: fleet.settings()) }
        guard let (options, tunnel) = reached else { return }
        defer { tunnel?.close() }
        try await options.withConnection(body)
    }

    /// Sends the command; a 400 reply prints the bot's message and exits 1.
    func send(_ command: BotCommand, onSuccess: (BotReply) throws -> Void) async throws {
        try await withConnection { connection in
            let reply = try await connection.send(command, to: instance, timeout: replyTimeout)
            guard reply.succeeded else {
                throw CommandFailure(
                    "\(name) answered \(reply.status): \(reply.message.isEmpty ? "(no message)" : reply.message)")
            }
            try onSuccess(reply)
        }
    }
}
