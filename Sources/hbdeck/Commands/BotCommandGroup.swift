import ArgumentParser
import BotLink
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
    @OptionGroup var broker: BrokerOptions
    @Option(help: "Seconds to wait for the reply (default: 10).") var replyTimeout: Double?
    @Argument(help: "Instance name (the bot's instance_id).") var name: String

    func validate() throws {
        do {
            _ = try InstanceName(validating: name)
        } catch {
            throw ValidationError("invalid instance name \"\(InstanceName.shown(name))\": \(error)")
        }
    }

    /// Sends the command; a 400 reply prints the bot's message and exits 1.
    func send(_ command: BotCommand, onSuccess: (BotReply) throws -> Void) async throws {
        try await broker.withConnection { connection in
            let reply = try await connection.send(command, to: name, timeout: replyTimeout)
            guard reply.succeeded else {
                throw CommandFailure("\(name) answered \(reply.status): \(reply.message.isEmpty ? "(no message)" : reply.message)")
            }
            try onSuccess(reply)
        }
    }
}
