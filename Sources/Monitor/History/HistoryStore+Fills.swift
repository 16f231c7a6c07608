import Foundation
import HBModel

extension HistoryStore {
    /// One fill as the store keeps it: whose, and where it came from.
    public struct Fill: Sendable, Equatable {
        public enum Source: String, Sendable {
            /// The bot's own `TradeFill` table: the source wherever it can be read.
            case database
            /// The bot's `OrderFilled` event, heard by hbdeck.
            case mqtt
        }

        public let bot: String
        public let fill: TradeFill
        public let source: Source
    }

    /// One row per fill and bot (`key`: `TradeFill.key`), whichever way it came.
    static let fillsSchema = """
        CREATE TABLE IF NOT EXISTS fills (bot TEXT NOT NULL, key TEXT NOT NULL, time REAL NOT NULL, trade_id TEXT NOT NULL,
            order_id TEXT NOT NULL, pair TEXT NOT NULL, side TEXT NOT NULL, price REAL NOT NULL, amount REAL NOT NULL,
            fee_quote REAL, exchange TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (bot, key));
        CREATE INDEX IF NOT EXISTS fills_by_time ON fills (time);
        """

    /// The fills the bot announced since the last snapshot taken: kept unless its database gave them already.
    /// The connector is the one the bot's record gives the pair's orders, where it gives one.
    func keepHeard(_ instance: InstanceSnapshot) throws {
        let heard = instance.fillsHeard
        guard let newest = heard.last else { return }
        let after = heardKept[instance.name].flatMap { kept in heard.lastIndex { $0.key == kept } }
        let new = after.map { heard[heard.index(after: $0)...] } ?? heard[...]
        for fill in new {
            let exchange = instance.orders.first { $0.tradingPair == fill.pair && $0.exchange != nil }?.exchange ?? ""
            try db.query(
                "INSERT OR IGNORE INTO fills VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'mqtt')",
                [
                    .text(instance.name), .text(fill.key), .real(fill.time), .text(fill.tradeID), .text(fill.orderID),
                    .text(fill.pair), .text(fill.side), real(fill.price), real(fill.amount), real(fill.feeQuote),
                    .text(exchange),
                ])
        }
        heardKept[instance.name] = newest.key
    }

    /// Takes the fills of each of this machine's bots from its own database (`data/<config>.sqlite` in the bots
    /// folder), from the newest taken on: they replace what was heard of the same fills.
    public func keepFromDatabases(_ snapshot: FleetSnapshot, owns: (String) -> Bool = { !$0.contains("/") }) throws {
        guard let folder = snapshot.botsFolder else { return }
        for instance in snapshot.instances where instance.host == nil && owns(instance.name) {
            guard let name = try? InstanceName(validating: instance.name),
                let path = TradeDatabase.path(
                    dataFolder: "\(folder)/instances/\(name.value)/data", config: instance.strategy)
            else { continue }
            try keepFromDatabase(bot: instance.name, at: path)
        }
    }

    /// Takes the fills of one bot's database at `path` from the newest taken on.
    public func keepFromDatabase(bot: String, at path: String) throws {
        let since = try databaseKept[bot] ?? newestDatabaseFill(of: bot) ?? 0
        let fills = TradeDatabase.fills(at: path, from: since, to: .greatestFiniteMagnitude)
        guard !fills.isEmpty else { return }
        try db.execute("BEGIN IMMEDIATE")
        do {
            for fill in fills {
                try db.query(
                    "INSERT OR REPLACE INTO fills VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'database')",
                    [
                        .text(bot),
                        .text(
                            TradeFill.key(
                                tradeID: fill.tradeID, orderID: fill.orderID, price: fill.price, amount: fill.amount)),
                        .real(fill.time), .text(fill.tradeID), .text(fill.orderID), .text(fill.pair), .text(fill.side),
                        real(fill.price), real(fill.amount), real(fill.feeQuote), .text(fill.exchange),
                    ])
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
        databaseKept[bot] = fills.last?.time ?? since
    }

    private func newestDatabaseFill(of bot: String) throws -> Double? {
        try db.query("SELECT MAX(time) FROM fills WHERE bot = ? AND source = 'database'", [.text(bot)]).first.flatMap {
            double($0[0])
        }
    }

    /// The fills from `from` to `to`, oldest first.
    public func fills(bot: String? = nil, from: Double = 0, to: Double = .greatestFiniteMagnitude) throws -> [Fill] {
        var fills: [Fill] = []
        try db.forEachRow(
            """
            SELECT bot, time, trade_id, order_id, pair, side, price, amount, fee_quote, exchange, source FROM fills
            WHERE time >= ? AND time <= ? AND (? IS NULL OR bot = ?) ORDER BY time, bot
            """,
            [
                .real(from - Self.boundSlack), .real(min(to, 4_102_444_800) + Self.boundSlack),
                bot.map(SQLiteDatabase.Value.text) ?? .null, bot.map(SQLiteDatabase.Value.text) ?? .null,
            ]
        ) { row in
            fills.append(
                Fill(
                    bot: row.text(0) ?? "",
                    fill: TradeFill(
                        time: row.double(1) ?? 0, tradeID: row.text(2) ?? "", orderID: row.text(3) ?? "",
                        pair: row.text(4) ?? "", side: row.text(5) ?? "", price: row.double(6) ?? 0,
                        amount: row.double(7) ?? 0, feeQuote: row.double(8), exchange: row.text(9) ?? ""),
                    source: Fill.Source(rawValue: row.text(10) ?? "") ?? .mqtt))
        }
        return fills
    }
}
