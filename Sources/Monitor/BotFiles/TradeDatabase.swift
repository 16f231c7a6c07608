import Foundation
import HBModel

/// A bot's own trade database (`data/<config>.sqlite`, Hummingbot's `TradeFill`, `Order` and `OrderStatus`
/// tables), read-only: the fills and open orders of the current run exactly, even those made before the
/// console started listening. Opened read-only with a short busy timeout and closed at once, so the bot is
/// never kept from writing.
public enum TradeDatabase {
    struct Figures: Sendable, Equatable {
        var trades: Int
        /// Quote volume: price × amount of each fill.
        var volume: Double
        /// The orders of the run the bot's MarketsRecorder last recorded as created or partly filled, newest
        /// first; nil when it keeps no `Order` table.
        var openOrders: [OrderFigures]? = nil
        /// When the file was read (unix seconds).
        var readAt: Double = 0
    }

    /// The `last_status` of an order still open: MarketsRecorder writes the event's name, and a completion,
    /// cancellation, failure or expiry replaces it.
    static let openStatuses = ["BuyOrderCreated", "SellOrderCreated", "OrderFilled"]

    /// More open orders than this in a bot's record is not a market maker's book but a table its code
    /// filled: the record is then not used (ORD stays what MQTT heard, a lower bound), and no more than
    /// this many rows are ever read, whatever the table holds.
    static let maxOpenOrders = 1_000

    /// Hummingbot stores prices and amounts as integers of millionths (`SqliteDecimal(6)`).
    static let scale = 1e6

    /// The fills and, with `openOrders`, the open orders since `runStartedAt` (unix seconds); nil when the
    /// file or its `TradeFill` table cannot be read.
    static func figures(
        at path: String, since runStartedAt: Double, now: Double = Date().timeIntervalSince1970,
        openOrders withOrders: Bool = true
    ) -> Figures? {
        guard let db = try? SQLiteDatabase(readingOnly: path),
            let row = try? db.query(
                "SELECT COUNT(*), COALESCE(SUM(CAST(price AS REAL) * CAST(amount AS REAL)), 0) FROM TradeFill WHERE timestamp >= ?",
                [.integer(Int64(runStartedAt * 1000))]
            ).first,  // TradeFill.timestamp is in milliseconds
            case .integer(let count) = row[0]
        else { return nil }
        let volume: Double
        switch row[1] {
        case .real(let sum): volume = sum
        case .integer(let sum): volume = Double(sum)
        default: volume = 0
        }
        return Figures(
            trades: Int(count), volume: volume / (scale * scale),
            openOrders: withOrders ? openOrders(db, since: runStartedAt) : nil, readAt: now)
    }

    /// Each open order's side is its creation's event (`BuyOrderCreated`), the first of its `OrderStatus`
    /// rows; what of it was filled, the sum of its `TradeFill` rows. The newest are picked first, so the
    /// per-order lookups run for at most `maxOpenOrders + 1` rows.
    private static func openOrders(_ db: SQLiteDatabase, since runStartedAt: Double) -> [OrderFigures]? {
        var orders: [OrderFigures] = []
        let open = openStatuses.map { "'\($0)'" }.joined(separator: ", ")
        do {
            try db.forEachRow(
                """
                SELECT o.id, o.market, o.symbol, o.price, o.amount, o.creation_timestamp,
                  (SELECT s.status FROM OrderStatus s WHERE s.order_id = o.id ORDER BY s.timestamp, s.id LIMIT 1),
                  (SELECT COALESCE(SUM(f.amount), 0) FROM TradeFill f WHERE f.market = o.market AND f.order_id = o.id)
                FROM (SELECT * FROM "Order" WHERE creation_timestamp >= ? AND last_status IN (\(open))
                      ORDER BY creation_timestamp DESC, id DESC LIMIT ?) o
                ORDER BY o.creation_timestamp DESC, o.id DESC
                """,
                [.integer(Int64(runStartedAt * 1000)), .integer(Int64(maxOpenOrders + 1))]
            ) { row in
                let created = row.text(6) ?? ""
                orders.append(
                    OrderFigures(
                        id: row.text(0) ?? "", exchange: row.text(1), tradingPair: row.text(2),
                        side: created.hasPrefix("Buy") ? "BUY" : created.hasPrefix("Sell") ? "SELL" : nil,
                        price: row.integer(3).map { Double($0) / scale },
                        amount: row.integer(4).map { Double($0) / scale },
                        filled: Double(row.integer(7) ?? 0) / scale, createdAt: Double(row.integer(5) ?? 0) / 1000))
            }
        } catch {
            return nil
        }
        return orders.count > maxOpenOrders ? nil : orders
    }

    /// Where a bot keeps its trades: `data/<config>.sqlite`, named after the config it runs.
    public static func path(dataFolder: String, config: String?) -> String? {
        guard let config, !config.isEmpty, let stem = ConfigStem.of(config) else { return nil }
        return "\(dataFolder)/\(stem).sqlite"
    }
}

extension TradeDatabase {
    /// The fills from `from` to `to` (unix seconds), oldest first, at most `limit` of them (a bot's table may hold
    /// anything: the next call goes on from the newest); none when the file cannot be read.
    public static func fills(at path: String, from: Double, to: Double, limit: Int = 10_000) -> [TradeFill] {
        guard let db = try? SQLiteDatabase(readingOnly: path) else { return [] }
        var fills: [TradeFill] = []
        try? db.forEachRow(
            """
            SELECT timestamp, order_id, symbol, trade_type, price, amount, trade_fee_in_quote, exchange_trade_id, market
            FROM TradeFill
            WHERE timestamp >= ? AND timestamp <= ? ORDER BY timestamp LIMIT ?
            """,
            [
                .integer(Int64(max(0, from) * 1000)), .integer(Int64(min(to, 4_102_444_800) * 1000)),
                .integer(Int64(limit)),
            ]
        ) { row in
            fills.append(
                TradeFill(
                    time: Double(row.integer(0) ?? 0) / 1000, tradeID: row.text(7) ?? "", orderID: row.text(1) ?? "",
                    pair: row.text(2) ?? "", side: row.text(3) ?? "", price: Double(row.integer(4) ?? 0) / scale,
                    amount: Double(row.integer(5) ?? 0) / scale, feeQuote: row.integer(6).map { Double($0) / scale },
                    exchange: row.text(8) ?? ""))
        }
        return fills
    }
}
