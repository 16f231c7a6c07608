import ArgumentParser
import Foundation
import Monitor

/// `hbdeck export`: the recorded history as CSV or JSON.
struct ExportCommand: AsyncParsableCommand {
    enum What: String, ExpressibleByArgument, CaseIterable { case samples, runs, trades }
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export recorded performance samples, bot runs, or trades, as CSV or JSON.",
        discussion: """
            samples: time, bot, pnl, volume, trades, open_orders, cpu_percent, memory_bytes (every 10 s while recorded). \
            runs: bot, started_at, stopped_at, image, config, pnl, volume, trades (the last figures of each run). \
            trades: time, bot, order_id, pair, side, price, amount, fee_quote, read from each bot's own trade database \
            (instances/NAME/data/<config>.sqlite) for the runs recorded. Times are ISO 8601 UTC; --from and --to take \
            unix seconds, RFC 3339, or an age such as 24h.
            """)
    @OptionGroup var location: BotsFolderOptions
    @Option(help: "What to export: samples, runs or trades.") var what: What = .samples
    @Option(help: "One bot (default: the fleet).") var bot: String?
    @Option(help: "From this time.") var from: String?
    @Option(help: "Up to this time.") var to: String?
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(help: "Write to this file instead of stdout.") var output: String?

    func run() async throws {
        try await reportingFailures {
            if let bot { try Fleet.validate([bot]) }
            let (folder, settings) = try location.resolveIfConfigured()
            let start = try from.map { try Self.time($0, "--from") } ?? 0
            let end = try to.map { try Self.time($0, "--to") } ?? .greatestFiniteMagnitude
            let path = HistoryStore.location(botsFolder: folder?.root.path ?? settings.botsFolder)
            guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("no history recorded yet (\(path)): run the console or hbdeck record") }
            let store = try HistoryStore(path: path)
            let table: (header: [String], rows: [[String]])
            switch what {
            case .samples:
                table = (Self.sampleColumns, try await store.samples(bot: bot, from: start, to: end).map(Self.row))
            case .runs:
                table = (["bot", "started_at", "stopped_at", "image", "config", "pnl", "volume", "trades"],
                         try await store.runs(bot: bot, from: start, to: end).map {
                             [$0.bot, Self.iso($0.startedAt), $0.stoppedAt.map(Self.iso) ?? "", $0.image, $0.config ?? "", Self.text($0.pnl), Self.text($0.volume), Self.text($0.trades)]
                         })
            case .trades:
                guard let folder else { throw CommandFailure("trades are read from the bots' own databases: give --bots-folder") }
                var rows: [[String]] = []
                var seen = Set<String>()
                for run in try await store.runs(bot: bot, from: start, to: end) {
                    guard let config = run.config, seen.insert("\(run.bot)/\(config)").inserted,
                          let database = TradeDatabase.path(dataFolder: folder.instance(run.bot).appendingPathComponent("data").path, config: config)
                    else { continue }
                    rows += TradeDatabase.fills(at: database, from: start, to: end).map {
                        [Self.iso($0.time), run.bot, $0.orderID, $0.pair, $0.side, Self.text($0.price), Self.text($0.amount), Self.text($0.feeQuote)]
                    }
                }
                table = (["time", "bot", "order_id", "pair", "side", "price", "amount", "fee_quote"], rows.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
            }
            let text = format == .csv ? Self.csv(table.header, table.rows) : try Self.json(table.header, table.rows)
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
                StandardOutput.error("hbdeck: \(table.rows.count) \(what.rawValue) written to \(output)")
            } else {
                StandardOutput.raw(Array(text.utf8))
            }
        }
    }

    /// A sample as a row of `sampleColumns`: the console's `X` writes the same.
    static let sampleColumns = ["time", "bot", "pnl", "volume", "trades", "open_orders", "cpu_percent", "memory_bytes"]

    static func row(_ sample: HistoryStore.Sample) -> [String] {
        [iso(sample.time), sample.bot, text(sample.pnl), text(sample.volume), text(sample.trades), text(sample.openOrders),
         text(sample.cpuPercent), text(sample.memoryBytes)]
    }

    static func time(_ text: String, _ flag: String) throws -> Double {
        guard let time = TimeSpec.parse(text) else { throw CommandFailure("\(flag): \(text) is not a time or an age such as 24h") }
        return time
    }

    /// `2026-11-26T09:00:16.652Z`, written by hand: a date formatter per row made an export of a day of
    /// samples take seconds.
    static func iso(_ time: Double) -> String {
        guard time.isFinite, time.magnitude < 1e12 else { return "" }
        var millis = Int64((time * 1000).rounded())
        var seconds = time_t(millis / 1000)
        millis %= 1000
        if millis < 0 { millis += 1000; seconds -= 1 }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int32, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    static func text<T: LosslessStringConvertible>(_ value: T?) -> String { value.map { String($0) } ?? "" }

    /// RFC 4180: fields with a comma, quote or line break quoted, quotes doubled.
    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        var out = ""
        out.reserveCapacity((rows.count + 1) * 96)
        func line(_ fields: [String]) {
            for (index, value) in fields.enumerated() {
                if index > 0 { out += "," }
                if value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                    out += "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                } else {
                    out += value
                }
            }
            out += "\r\n"
        }
        line(header)
        rows.forEach(line)
        return out
    }

    static func json(_ header: [String], _ rows: [[String]]) throws -> String {
        let objects = rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(objects), as: UTF8.self) + "\n"
    }
}
