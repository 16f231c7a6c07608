import ArgumentParser
import BotLink
import Foundation
import HBModel

struct BotStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "The bot's status text.")
    @OptionGroup var target: BotTarget

    func run() async throws {
        try await target.send(.status) { reply in
            StandardOutput.line(reply.statusText ?? reply.message)
        }
    }
}

struct BotHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "The bot's trades.")
    @OptionGroup var target: BotTarget
    @Option(help: "Days back (0: all).") var days: Double = 0
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await target.send(.history(days: days)) { reply in
            if json {
                StandardOutput.line(try JSONOutput.encode(reply.trades))
                return
            }
            var table = TextTable("TIME", "SIDE", "SYMBOL", "PRICE", "QUANTITY", "TRADE ID", rightAligned: [3, 4])
            for trade in reply.trades {
                let time =
                    WireTime.milliseconds(trade["trade_timestamp"]).map {
                        Date(timeIntervalSince1970: $0).formatted(.iso8601)
                    } ?? Formatting.unknown
                table.add([
                    time, trade["trade_type"]?.compactText ?? "", trade["symbol"]?.compactText ?? "",
                    trade["price"]?.compactText ?? "", trade["quantity"]?.compactText ?? "",
                    trade["trade_id"]?.compactText ?? "",
                ])
            }
            StandardOutput.line(table.render())
            StandardOutput.line("\(reply.trades.count) trades")
        }
    }
}

struct BotStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start the bot's strategy.")
    @OptionGroup var target: BotTarget
    @Option(help: "Script to run.") var script: String?
    @Option(help: "Script config file.") var conf: String?

    func run() async throws {
        try await audited("bot start", [target.name], fleet: target.fleet) {
            try await target.send(.start(script: script, conf: conf)) { _ in
                StandardOutput.line("\(target.name): strategy started")
            }
        }
    }
}

struct BotStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop the bot's strategy; it cancels its open orders unless told not to.",
        discussion: "The bot answers at once and winds down afterwards: this waits for its own \"Hummingbot stopped.\"."
    )
    @OptionGroup var target: BotTarget
    @Flag(help: "Leave open orders on the exchange.") var skipOrderCancellation = false
    @Option(help: "Seconds to wait for the bot to say it wound down.") var windDown: Double = 30

    func validate() throws {
        guard windDown.isFinite, (0...600).contains(windDown) else {
            throw ValidationError("--wind-down must be 0 to 600 seconds")
        }
    }

    func run() async throws {
        try await audited("bot stop", [target.name], fleet: target.fleet) {
            try await target.withConnection { connection in
                let outcome = try await connection.stop(
                    target.instance, skipOrderCancellation: skipOrderCancellation, windDownLimit: windDown,
                    timeout: target.replyTimeout)
                guard outcome.reply.succeeded else {
                    throw CommandFailure(
                        "\(target.name) answered \(outcome.reply.status): \(outcome.reply.message.isEmpty ? "(no message)" : outcome.reply.message)"
                    )
                }
                let orders = skipOrderCancellation ? " (orders left open)" : ""
                guard let after = outcome.woundDownAfter else {
                    throw CommandFailure(
                        "\(target.name) accepted the stop\(orders) but did not say it wound down within \(Formatting.fixed(windDown, decimals: 0)) s"
                    )
                }
                // Only MQTT is asked here (no container is ended on it), so the line says where the word came from.
                StandardOutput.line(
                    "\(target.name): strategy stopped\(orders), wound down in \(Formatting.fixed(after, decimals: 1)) s (said on MQTT)"
                )
            }
        }
    }
}

struct BotConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Change the bot's settings: KEY=VALUE … (values read as JSON when they parse)."
    )
    @OptionGroup var target: BotTarget
    @Argument(help: "Settings as KEY=VALUE.") var settings: [String] = []

    func run() async throws {
        var params: [(String, JSONValue)] = []
        for setting in settings {
            guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                throw ValidationError("\"\(setting)\" is not KEY=VALUE")
            }
            let text = String(setting[setting.index(after: equals)...])
            let value = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
            params.append((String(setting[..<equals]), value))
        }
        let send = {
            try await target.send(.config(params: params)) { reply in
                let changes = reply.data["changes"]?.arrayValue ?? []
                StandardOutput.line("\(target.name): \(changes.count) setting\(changes.count == 1 ? "" : "s") changed")
            }
        }
        // Only a change is an action; listing the settings is not.
        if params.isEmpty {
            try await send()
        } else {
            try await audited("bot config", [target.name] + params.map(\.0), fleet: target.fleet) { try await send() }
        }
    }
}

struct BotImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import a strategy config file.")
    @OptionGroup var target: BotTarget
    @Argument(help: "Strategy file under conf/strategies.") var strategy: String

    func run() async throws {
        try await audited("bot import", [target.name], fleet: target.fleet) {
            try await target.send(.importStrategy(strategy)) { _ in
                StandardOutput.line("\(target.name): imported \(strategy)")
            }
        }
    }
}

struct BotBalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance", abstract: "Set a balance limit (with --exchange) or a paper-trade balance.")
    @OptionGroup var target: BotTarget
    @Option(help: "Exchange: set a limit there instead of a paper balance.") var exchange: String?
    @Option(help: "Asset, such as USDT.") var asset: String
    @Option(help: "Amount.") var amount: Double

    func run() async throws {
        let command: BotCommand =
            exchange.map { .balanceLimit(exchange: $0, asset: asset, amount: amount) }
            ?? .balancePaper(asset: asset, amount: amount)
        try await audited("bot balance", [target.name, asset], fleet: target.fleet) {
            try await target.send(command) { reply in
                // The bot may answer 200 with an empty message: say what it accepted.
                let done =
                    exchange.map { "balance limit for \(asset) on \($0) set to \(amount)" }
                    ?? "paper balance for \(asset) set to \(amount)"
                StandardOutput.line(
                    "\(target.name): \(reply.message.isEmpty ? done + " (the bot answered 200)" : reply.message)")
            }
        }
    }
}
