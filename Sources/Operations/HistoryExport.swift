import Deploy
import Foundation
import HBModel
import Monitor

/// The recorded history as a table and as CSV or JSON: what `hbdeck export` prints and the console's export
/// dialog writes.
public enum HistoryExport {
    public typealias Table = (header: [String], rows: [[String]])

    /// Samples, runs and trades from the store; trades of this machine's bots are first brought up to date from
    /// their own databases in `folder`.
    public static func table(
        _ what: ExportedHistory, bot: String?, from start: Double, to end: Double, store: HistoryStore,
        folder: BotsFolder?
    ) async throws -> Table {
        switch what {
        case .samples:
            let samples = try await store.samples(bot: bot, from: start, to: end)
            return (sampleColumns, samples.map(row))
        case .runs:
            let runs = try await store.runs(bot: bot, from: start, to: end)
            return (
                ["bot", "started_at", "stopped_at", "image", "config", "pnl", "volume", "trades"],
                runs.map {
                    [
                        $0.bot, iso($0.startedAt), $0.stoppedAt.map(iso) ?? "", $0.image, $0.config ?? "", text($0.pnl),
                        text($0.volume), text($0.trades),
                    ]
                }
            )
        case .trades:
            // This machine's bots' own databases first, so that what they hold is the source of each fill.
            if let folder {
                var seen = Set<String>()
                for run in try await store.runs(bot: bot, from: start, to: end) {
                    guard let config = run.config, seen.insert("\(run.bot)/\(config)").inserted,
                        let name = try? InstanceName(validating: run.bot),
                        let database = TradeDatabase.path(
                            dataFolder: folder.instance(name.value).appendingPathComponent("data").path, config: config)
                    else { continue }
                    try await store.keepFromDatabase(bot: run.bot, at: database)
                }
            }
            return (
                tradeColumns,
                try await store.fills(bot: bot, from: start, to: end).map { kept in
                    let fill = kept.fill
                    return [
                        iso(fill.time), kept.bot, fill.exchange, fill.orderID, fill.tradeID, fill.pair, fill.side,
                        text(fill.price), text(fill.amount), text(fill.feeQuote), kept.source.rawValue,
                    ]
                }
            )
        }
    }

    /// The columns of `--what trades`.
    public static let tradeColumns = [
        "time", "bot", "exchange", "order_id", "trade_id", "pair", "side", "price", "amount", "fee_quote", "source",
    ]

    public static func text(_ table: Table, format: ExportFormat) throws -> String {
        format == .csv ? csv(table.header, table.rows) : try json(table.header, table.rows)
    }

    /// A sample as a row of `sampleColumns`: the console's `X` writes the same.
    public static let sampleColumns = [
        "time", "bot", "pnl", "volume", "trades", "open_orders", "cpu_percent", "memory_bytes",
    ]

    public static func row(_ sample: HistoryStore.Sample) -> [String] {
        [
            iso(sample.time), sample.bot, text(sample.pnl), text(sample.volume), text(sample.trades),
            text(sample.openOrders),
            text(sample.cpuPercent), text(sample.memoryBytes),
        ]
    }

    /// `2026-11-26T09:00:16.652Z` (`Formatting.iso8601`).
    public static func iso(_ time: Double) -> String {
        Formatting.iso8601(time)
    }

    static func text<T: LosslessStringConvertible>(_ value: T?) -> String { value.map { String($0) } ?? "" }

    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        CSVText.table(header, rows)
    }

    static func json(_ header: [String], _ rows: [[String]]) throws -> String {
        let objects = rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(objects), as: UTF8.self) + "\n"
    }
}
