import ArgumentParser
import Console
import Foundation
import HBModel
import Monitor
import Operations

/// `hbdeck export`: the recorded history as CSV or JSON.
struct ExportCommand: AsyncParsableCommand {
    typealias What = ExportDialog.What
    typealias Format = ExportDialog.Format

    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export recorded performance samples, bot runs, or trades, as CSV or JSON.",
        discussion: """
            samples: time, bot, pnl, volume, trades, open_orders, cpu_percent, memory_bytes (every 10 s while recorded). \
            runs: bot, started_at, stopped_at, image, config, pnl, volume, trades (the last figures of each run). \
            trades: time, bot, exchange, order_id, trade_id, pair, side, price, amount, fee_quote, source (every fill \
            recorded: from the bot's own trade database where it is on this machine, else as heard over MQTT). Times \
            are ISO 8601 UTC; --from and --to take unix seconds, RFC 3339, or an age such as 24h.
            """)
    @OptionGroup(title: FleetOptions.title) var fleet: FleetOptions
    var location: BotsFolderOptions { fleet.location }
    @Option(help: "What to export: samples, runs or trades.") var what: What = .samples
    @Option(help: "One bot, HOST/NAME for another host's (default: the fleet).") var bot: String?
    @Option(help: "From this time.") var from: String?
    @Option(help: "Up to this time.") var to: String?
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(help: "Write to this file instead of stdout.") var output: String?

    func run() async throws {
        try await reportingFailures {
            if let bot {
                let qualified = QualifiedName(bot)
                try Fleet.validate([qualified.name])
                if let host = qualified.host,
                    host.isEmpty || !host.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) })
                {
                    throw CommandFailure("--bot \(bot): the host before / is a context name (letters, digits, . _ -)")
                }
            }
            let (folder, settings) = try location.resolveIfConfigured()
            let start = try from.map { try Self.time($0, "--from") } ?? 0
            let end = try to.map { try Self.time($0, "--to") } ?? .greatestFiniteMagnitude
            let path = HistoryStore.location(botsFolder: folder?.root.path ?? settings.botsFolder)
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure("no history recorded yet (\(path)): run the console or hbdeck record")
            }
            let store = try HistoryStore(path: path)
            let table = try await HistoryExport.table(
                what, bot: bot, from: start, to: end, store: store, folder: folder)
            let text = try HistoryExport.text(table, format: format)
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
                StandardOutput.error("hbdeck: \(table.rows.count) \(what.rawValue) written to \(output)")
            } else {
                StandardOutput.raw(Array(text.utf8), sanitized: true)
            }
        }
    }

    static func time(_ text: String, _ flag: String) throws -> Double {
        guard let time = TimeSpec.parse(text) else {
            throw CommandFailure("\(flag): \(text) is not a time or an age such as 24h")
        }
        return time
    }
}

extension ExportDialog.What: ExpressibleByArgument {}
extension ExportDialog.Format: ExpressibleByArgument {}
