import ArgumentParser
import BackendAPI
import BotLink
import Foundation
import HBModel
import Operations

/// What only a hummingbot-api fleet has: deploys through its endpoints, its config folders, its runs. The
/// bots themselves are listed, started, stopped and archived by `ls`, `start`, `stop` and `rm` with `--api`.
struct APICommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api", abstract: "Deploy, upload configs and read runs through hummingbot-api.",
        subcommands: [APIDeployCommand.self, APIUploadCommand.self, APIRunsCommand.self, APITradesCommand.self])
}

/// The one API a command of `hbdeck api` works on.
private func withOneAPI(_ fleet: FleetOptions, _ body: (BackendAPIClient) async throws -> Void) async throws {
    guard let access = try APIFleetAccess.open(fleet) else {
        throw CommandFailure("name the API: --api URL, or apis: in the config")
    }
    try await access.closing {
        guard access.clients.count == 1 else {
            throw CommandFailure("this command works on one API at a time: choose one with --api NAME")
        }
        try await body(access.clients[0])
    }
}

struct APIDeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy", abstract: "Deploy a bot through hummingbot-api: controllers, or a V2 script.",
        discussion: """
            The API copies the account's credentials into bots/instances/NAME-DATE-TIME on its host and runs the \
            image there; the name it gave is printed. With --controllers the bot runs v2_with_controllers over \
            those configs of conf/controllers (upload them first with hbdeck api upload --controller-config).
            """)
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    @Argument(help: "The instance's name (the API adds the date and time).") var name: String
    @Option(help: "The API's credentials account (its credentials_profile).") var account = "master_account"
    @Option(help: "Controller configs, comma-separated (without .yml).") var controllers: String?
    @Option(help: "A V2 script to run (without .py).") var script: String?
    @Option(help: "The script's config in conf/scripts (with --script).") var scriptConfig: String?
    @Option(help: "Bot image.") var image = "hummingbot/hummingbot:latest"

    func validate() throws {
        guard (controllers == nil) != (script == nil) else {
            throw ValidationError("give --controllers or --script")
        }
    }

    func run() async throws {
        try await audited("api deploy", [name], fleet: fleet) {
            try await reportingFailures {
                let request =
                    if let controllers {
                        APIDeployment.controllers(
                            name, account: account, configs: ConsoleSettings.list(controllers), image: image)
                    } else {
                        APIDeployment.script(
                            name, account: account, script: script ?? "", config: scriptConfig, image: image)
                    }
                try await withOneAPI(fleet) { client in
                    let given = try await APIActions(api: client).deploy(request) { StandardOutput.error($0) }
                    StandardOutput.line("deployed \(given) through \(client.server.shown)")
                }
            }
        }
    }
}

struct APIUploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload", abstract: "Upload a script or controller config (YAML) to hummingbot-api.",
        discussion: "It replaces a config of that name: the API keeps no versions.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    @Argument(help: "The YAML file.") var path: String
    @Option(name: .customLong("as"), help: "Its name on the API, without .yml (default: the file's).") var name: String?
    @Flag(help: "A controller config (conf/controllers/), not a script config.") var controllerConfig = false

    func run() async throws {
        let configName = name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        try await audited("api upload", [path, "as", configName], fleet: fleet) {
            try await reportingFailures {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw CommandFailure("cannot read \(path)")
                }
                let loaded: Any?
                do {
                    loaded = try BoundedYAML.load(text)
                } catch {
                    throw CommandFailure("\(path): not YAML: \(error)")
                }
                guard let fields = loaded.flatMap(JSONValue.init(yaml:)) else {
                    throw CommandFailure("\(path): a config is a YAML mapping of fields")
                }
                try await withOneAPI(fleet) { client in
                    let said = try await APIActions(api: client).upload(
                        controllerConfig ? .controllers : .scripts, name: configName, fields: fields)
                    StandardOutput.line(TerminalSafeText.sanitize(said))
                }
            }
        }
    }
}

struct APIRunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "The deployments hummingbot-api recorded, newest first.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    @Flag(help: "Print JSON for scripts.") var json = false

    struct Row: Encodable {
        let id: Int
        let bot: String
        let deployed: String
        let stopped: String?
        let strategy: String
        let account: String
        let deployment: String
        let run: String
    }

    func run() async throws {
        try await reportingFailures {
            try await withOneAPI(fleet) { client in
                let runs = try await client.botRuns().sorted { $0.id > $1.id }
                let rows = runs.map {
                    Row(
                        id: $0.id, bot: $0.botName, deployed: $0.deployedAt, stopped: $0.stoppedAt,
                        strategy: $0.configName ?? $0.strategyName, account: $0.accountName,
                        deployment: $0.deploymentStatus, run: $0.runStatus)
                }
                if json { return StandardOutput.line(try JSONOutput.encode(rows)) }
                var table = TextTable("ID", "BOT", "DEPLOYED", "STOPPED", "STRATEGY", "ACCOUNT", "STATUS")
                for row in rows {
                    table.add([
                        String(row.id), TerminalSafeText.sanitize(row.bot), String(row.deployed.prefix(19)),
                        row.stopped.map { String($0.prefix(19)) } ?? "—", TerminalSafeText.sanitize(row.strategy),
                        TerminalSafeText.sanitize(row.account), "\(row.deployment) · \(row.run)",
                    ])
                }
                StandardOutput.line(table.render())
            }
        }
    }
}

struct APITradesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trades", abstract: "A bot's fills of its current run, from its own history through the API.",
        discussion: "The bot answers the API's history request itself (up to 30 s); a stopped bot cannot.")
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    @Argument(help: "The bot's name.") var name: String
    @Option(help: "Only the last N days (0: the whole run).") var days = 0
    @Flag(help: "Print JSON for scripts.") var json = false

    struct Row: Encodable {
        let time: Double?
        let market: String
        let pair: String
        let side: String
        let price: Double?
        let amount: Double?
        let tradeID: String

        enum CodingKeys: String, CodingKey {
            case time, market, pair, side, price, amount
            case tradeID = "trade_id"
        }
    }

    func run() async throws {
        try await reportingFailures {
            guard days >= 0 else { throw CommandFailure("--days must be 0 or more") }
            _ = try await APIFleetAccess.handle([name], fleet: fleet) { bots in
                let trades = try await bots[0].client.trades(bots[0].name, days: days)
                let rows = trades.map {
                    Row(
                        time: $0.time, market: $0.market, pair: $0.pair, side: $0.side, price: $0.price,
                        amount: $0.amount, tradeID: $0.tradeID)
                }
                if json { return StandardOutput.line(try JSONOutput.encode(rows)) }
                var table = TextTable("TIME", "MARKET", "PAIR", "SIDE", "PRICE", "AMOUNT", "TRADE ID")
                for row in rows {
                    table.add([
                        row.time.map(Formatting.iso8601) ?? "—", TerminalSafeText.sanitize(row.market),
                        TerminalSafeText.sanitize(row.pair), TerminalSafeText.sanitize(row.side),
                        row.price.map(Self.exact) ?? "—", row.amount.map(Self.exact) ?? "—",
                        TerminalSafeText.sanitize(row.tradeID),
                    ])
                }
                StandardOutput.line(table.render())
                StandardOutput.error(
                    "\(rows.count) trade\(rows.count == 1 ? "" : "s") of \(bots[0].shown)'s current run")
            }
        }
    }

    /// A price or an amount as the bot gave it, without rounding away its digits.
    static func exact(_ value: Double) -> String {
        String(format: "%.10g", value)
    }
}
